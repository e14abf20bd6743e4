package sqlstore

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/journey"
)

// agree decodes b both ways and fails unless the stored decoder gives what
// json.Unmarshal gives: the same record, or an error when it errs.
func agree(t testing.TB, b []byte) {
	t.Helper()
	got, gerr := journeyDecoder.decode(b)
	var want journey.Record
	werr := json.Unmarshal(b, &want)
	if (gerr == nil) != (werr == nil) {
		t.Fatalf("%s: error %v, json.Unmarshal's %v", b, gerr, werr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %+v\nwant %+v", b, got, want)
	}
}

// fast reports whether the stored decoder reads b itself, without falling
// back to json.Unmarshal.
func fast(b []byte) bool {
	var r journey.Record
	s := jsonScan{b: b}
	return s.object(journeyDecoder.plan, reflect.ValueOf(&r).Elem()) && s.end()
}

// Every field of a journey record has a plan: a field of a kind the
// decoder cannot read would send every record to json.Unmarshal, no
// longer wrong but as slow as before.
func TestStoredDecoderPlansJourneyRecords(t *testing.T) {
	if !journeyDecoder.planned() {
		t.Fatal("journey.Record has a field the stored decoder cannot read: add its kind to planValue")
	}
}

// fill sets every field of v to a random value (zero now and then), so
// that every field of every detail is written and read back.
func fill(rng *rand.Rand, v reflect.Value) {
	words := []string{"", "a", "Phone call", `quote " and \ back`, "line\nbreak\ttab", "<b>&amp;</b>", "é 界 🙂", "\u2028", "C2"}
	switch v.Kind() {
	case reflect.String:
		v.SetString(words[rng.IntN(len(words))])
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 0)
	case reflect.Int, reflect.Int64, reflect.Int32:
		n := []int64{0, 1, -1, 7, 123456789, 1 << 40}[rng.IntN(6)]
		if !v.OverflowInt(n) {
			v.SetInt(n)
		}
	case reflect.Pointer:
		if rng.IntN(4) > 0 {
			p := reflect.New(v.Type().Elem())
			fill(rng, p.Elem())
			v.Set(p)
		}
	case reflect.Slice:
		n := rng.IntN(4) - 1 // nil, empty or a few
		if n >= 0 {
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				fill(rng, s.Index(i))
			}
			v.Set(s)
		}
	case reflect.Struct:
		switch v.Type() {
		case reflect.TypeFor[civil.Date]():
			if rng.IntN(3) > 0 {
				v.Set(reflect.ValueOf(civil.MustNew(1990+rng.IntN(40), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))))
			}
		case reflect.TypeFor[time.Time]():
			if rng.IntN(3) > 0 {
				at := time.Date(2020+rng.IntN(7), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), 0, rng.IntN(1e9), time.UTC)
				if rng.IntN(2) == 0 {
					at = at.In(time.FixedZone("", 3600))
				}
				v.Set(reflect.ValueOf(at))
			}
		default:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					fill(rng, v.Field(i))
				}
			}
		}
	}
}

// Records with every field filled, as json.Marshal writes them, read the
// same both ways, and are read by the stored decoder itself.
func TestStoredDecoderAgreesOnRecords(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 15))
	slow := 0
	for range 3000 {
		var r journey.Record
		fill(rng, reflect.ValueOf(&r).Elem())
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		agree(t, b)
		if !fast(b) {
			slow++
		}
		// Indented, as another writer might have written it.
		ind, _ := json.MarshalIndent(r, "", "  ")
		agree(t, ind)
	}
	// Only strings with escapes take json.Unmarshal's help, and only for
	// themselves: every record is read here.
	if slow > 0 {
		t.Errorf("%d of 3000 records fell back to json.Unmarshal", slow)
	}
}

// What json.Marshal does not write is read as json.Unmarshal reads it,
// whether by falling back to it or not.
func TestStoredDecoderAgreesOnOddBodies(t *testing.T) {
	base := `{"id":3,"version":2,"person_id":9,"kind":"visit","start":"2026-01-02","visit":{"seen":true,"seen_alone":false}}`
	for _, b := range []string{
		base,
		`{}`,
		` {"id":3} `,
		`{"id":3}x`,
		`{"id":3,}`,
		`{"id":3 "version":2}`,
		`{"id":null}`,
		`{"visit":null}`,
		`{"start":null}`,
		`{"id":3,"id":4}`,
		`{"visit":{"seen":true},"visit":{"seen_alone":true}}`,
		`{"ID":3}`,
		`{"Kind":"visit"}`,
		`{"unknown":{"a":[1,2,{"b":null}]},"id":3}`,
		`{"id":3.0}`,
		`{"id":3e2}`,
		`{"id":03}`,
		`{"id":-0}`,
		`{"id":-}`,
		`{"id":99999999999999999999}`,
		`{"version":9223372036854775807}`,
		`{"id":"3"}`,
		`{"kind":3}`,
		`{"kind":"vi\u0073it"}`,
		`{"k\u0069nd":"visit"}`,
		`{"kind":"bad \x01 control"}`,
		"{\"kind\":\"bad \xff utf-8\"}",
		`{"kind":"unterminated}`,
		`{"visit":{"seen":tru}}`,
		`{"visit":{"seen":truex}}`,
		`{"visit":{"seen":1}}`,
		`{"start":"2026-13-01"}`,
		`{"start":"2026-01-02T00:00:00Z"}`,
		`{"start":20260102}`,
		`{"recorded_at":"2026-01-02T03:04:05.123456789+01:00"}`,
		`{"recorded_at":"not a time"}`,
		`{"early_help":{"problems":[]}}`,
		`{"early_help":{"problems":["a", "b" ]}}`,
		`{"early_help":{"problems":["a",]}}`,
		`{"early_help":{"problems":[null]}}`,
		`{"early_help":{"problems":"a"}}`,
		`{"sdq":{"score":12}}`,
		`{"sdq":{"score":null}}`,
		`{"care_episode":{}}`,
		`[]`,
		`null`,
		``,
	} {
		agree(t, []byte(b))
	}
	if !fast([]byte(base)) {
		t.Error("a plain record fell back to json.Unmarshal")
	}
}

// FuzzStoredDecoder holds the stored decoder to json.Unmarshal over any
// body.
func FuzzStoredDecoder(f *testing.F) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		var r journey.Record
		fill(rng, reflect.ValueOf(&r).Elem())
		b, _ := json.Marshal(r)
		f.Add(b)
	}
	f.Add([]byte(`{"id":3,"visit":{"seen":true}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		agree(t, b)
	})
}

// BenchmarkDecodeJourney decodes the records of a long chronology (visits
// and notes in an open referral) and a care history: json.Unmarshal
// against the stored decoder.
func BenchmarkDecodeJourney(b *testing.B) {
	var bodies [][]byte
	at := time.Date(2026, 11, 30, 15, 46, 25, 624028000, time.UTC)
	start := civil.MustNew(2021, time.May, 30)
	for i := range 200 {
		r := journey.Record{ID: journey.ID(1000 + i), Version: 1, PersonID: 42, Episode: 1000, Start: start.AddDays(i), RecordedAt: at}
		switch i % 4 {
		case 0, 2:
			r.Kind, r.Visit = journey.KindVisit, &journey.Visit{Seen: true, SeenAlone: i%8 == 0}
		case 1:
			r.Kind, r.Note = journey.KindNote, &journey.Note{Title: "Phone call", Text: strings.Repeat("Spoke with the family about the week ahead. ", 3)}
		case 3:
			r.Kind, r.End = journey.KindAllocation, start.AddDays(i+40)
			r.TeamID, r.WorkerID, r.Allocation = 3, 17, &journey.Allocation{Reason: "Worker left"}
		}
		body, err := json.Marshal(r)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
	}
	b.Run("json.Unmarshal", func(b *testing.B) {
		for b.Loop() {
			for _, body := range bodies {
				var r journey.Record
				if err := json.Unmarshal(body, &r); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(bodies)), "ns/record")
	})
	b.Run("stored", func(b *testing.B) {
		for b.Loop() {
			for _, body := range bodies {
				if _, err := journeyDecoder.decode(body); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(bodies)), "ns/record")
	})
}
