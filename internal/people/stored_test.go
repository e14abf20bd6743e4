package people

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
)

// samplePerson has every field set, with strings json.Marshal escapes.
func samplePerson() Person {
	return Person{
		ID: 42, Version: 3,
		GivenName: "Zoë", FamilyName: "O\"Brien\\<&>\u2028",
		OtherNames: []OtherName{
			{Type: "alias", GivenName: "Zo", FamilyName: "OB"},
			{Type: "previous", FamilyName: "Smith\n\t"},
		},
		DateOfBirth:         civil.MustNew(2015, time.March, 9),
		ExpectedDateOfBirth: civil.Date{},
		DateOfDeath:         civil.MustNew(2020, time.February, 29),
		Sex:                 "F", Gender: "girl 😀", Ethnicity: "WBRI", FirstLanguage: "ENG", Religion: "NOR",
		Disabilities: []string{"HAND", "VIS"},
		Identifiers:  Identifiers{LAChildID: "C1", NHSNumber: "9434765919", UPN: "A123", FormerUPN: "B456"},
		Addresses: []Address{
			{Line1: "1 High St", Line2: "Flat 2", Town: "Leeds", Postcode: "LS1 1AA", Ward: "City", StartDate: civil.MustNew(2015, time.March, 9), EndDate: civil.MustNew(2018, time.January, 1)},
			{Line1: "2 Low Rd", Town: "Leeds", Postcode: "LS2 2BB", StartDate: civil.MustNew(2018, time.January, 1)},
		},
		Restricted: true,
	}
}

func mustMarshal(t testing.TB, p Person) string {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkSame fails unless DecodeStored gives what json.Unmarshal gives for body.
func checkSame(t *testing.T, body []byte) {
	t.Helper()
	var want Person
	wantErr := json.Unmarshal(body, &want)
	got, err := DecodeStored(body)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("DecodeStored(%q) error %v, json.Unmarshal error %v", body, err, wantErr)
	}
	if wantErr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("DecodeStored(%q)\n got %#v\nwant %#v", body, got, want)
	}
}

// fastPath reports whether DecodeStored reads body itself rather than
// handing it to json.Unmarshal.
func fastPath(body []byte) bool {
	d := storedDecoder{b: body}
	var p Person
	return d.person(&p)
}

func TestDecodeStored(t *testing.T) {
	full := mustMarshal(t, samplePerson())
	tests := []struct {
		name string
		body string
		fast bool // read without json.Unmarshal
	}{
		{"every field", full, true},
		{"zero person", mustMarshal(t, Person{}), true},
		{"indented", func() string {
			b, _ := json.MarshalIndent(samplePerson(), " ", "\t")
			return string(b)
		}(), true},
		{"empty object", `{}`, true},
		{"nulls", `{"id":null,"version":null,"given_name":null,"other_names":null,"date_of_birth":null,"disabilities":null,"identifiers":null,"addresses":null,"restricted":null}`, true},
		{"null elements", `{"other_names":[null,{"type":"alias"}],"disabilities":[null,"VIS"],"addresses":[null]}`, true},
		{"empty arrays are not nil", `{"other_names":[],"disabilities":[],"addresses":[]}`, true},
		{"empty date string", `{"date_of_birth":"","addresses":[{"start_date":""}]}`, true},
		{"escapes", `{"given_name":"a\"b\\c\/d\b\f\n\r\t\u00e9\u20AC\u003c"}`, true},
		{"surrogate pair", `{"given_name":"\ud83d\ude00!"}`, true},
		{"lone high surrogate", `{"given_name":"\ud83dx"}`, true},
		{"high surrogate then a non-surrogate escape", `{"given_name":"\ud83d\u0041"}`, true},
		{"lone low surrogate", `{"given_name":"\ude00"}`, true},
		{"invalid UTF-8", "{\"given_name\":\"a\xffb\xc3\"}", true},
		{"escaped key", `{"given\u005fname":"Ann"}`, true},
		{"unknown keys skipped", `{"nickname":"x","given_name":"Ann","extra":{"a":[1,-2.5e+3,true,false,null,{"b":"\u00e9"}],"c":{}},"more":[],"identifiers":{"new_id":7,"upn":"A1"},"addresses":[{"lat":51.5,"line1":"1 St"}],"other_names":[{"script":"latin","type":"alias"}]}`, true},
		{"extreme ids", `{"id":9223372036854775807,"version":-9223372036854775808}`, true},
		{"negative zero", `{"id":-0}`, true},
		{"date parsed by time.Parse", `{"date_of_birth":"2015-3-09"}`, false}, // an error either way
		{"escaped date", `{"date_of_birth":"2015\u002d03-09"}`, true},

		// Handed to json.Unmarshal, which gives the answer.
		{"duplicate key", `{"given_name":"a","given_name":"b"}`, false},
		{"duplicate nested objects merge", `{"identifiers":{"upn":"a"},"identifiers":{"nhs_number":"b"}}`, false},
		{"duplicate slices reuse elements", `{"addresses":[{"line1":"a","ward":"w"}],"addresses":[{"line1":"b"}]}`, false},
		{"key in another case", `{"Given_Name":"a"}`, false},
		{"key matching only in case among unknowns", `{"ID":5}`, false},
		{"non-ASCII unknown key", `{"ſex":"F"}`, false},
		{"kelvin sign key", "{\"\u212aey\":1}", false},
		{"number with fraction", `{"id":1.0}`, false},
		{"number with exponent", `{"id":1e2}`, false},
		{"int overflow", `{"id":9223372036854775808}`, false},
		{"int negative overflow", `{"id":-9223372036854775809}`, false},
		{"twenty digits", `{"id":10000000000000000000}`, false},
		{"leading zero", `{"id":01}`, false},
		{"string for an int", `{"id":"5"}`, false},
		{"number for a string", `{"given_name":5}`, false},
		{"bool for a string", `{"given_name":true}`, false},
		{"object for an array", `{"addresses":{}}`, false},
		{"invalid date", `{"date_of_birth":"2023-02-30"}`, false},
		{"number for a date", `{"date_of_birth":20230101}`, false},
		{"top-level null", `null`, false},
		{"top-level array", `[]`, false},
		{"empty", ``, false},
		{"trailing garbage", full + `x`, false},
		{"two objects", `{}{}`, false},
		{"truncated", full[:len(full)/2], false},
		{"trailing comma", `{"id":1,}`, false},
		{"bad escape", `{"given_name":"\x"}`, false},
		{"short unicode escape", `{"given_name":"\u12"}`, false},
		{"control character", "{\"given_name\":\"a\nb\"}", false},
		{"bad literal", `{"restricted":tru}`, false},
		{"literal run on", `{"restricted":truex}`, false},
		{"bad number in unknown", `{"x":-}`, false},
		{"bad fraction in unknown", `{"x":1.}`, false},
		{"deep unknown", `{"x":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + `}`, false},
		{"too deep", `{"x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkSame(t, []byte(tt.body))
			if got := fastPath([]byte(tt.body)); got != tt.fast {
				t.Errorf("read without json.Unmarshal: %v, want %v", got, tt.fast)
			}
		})
	}
}

// fuzzBytes hands out the fuzzer's bytes, then zeros.
type fuzzBytes []byte

func (f *fuzzBytes) byte() byte {
	if len(*f) == 0 {
		return 0
	}
	b := (*f)[0]
	*f = (*f)[1:]
	return b
}

func (f *fuzzBytes) int64() int64 {
	var n uint64
	for range 8 {
		n = n<<8 | uint64(f.byte())
	}
	return int64(n)
}

// pieces are what strings are made of: plain text, what json.Marshal
// escapes, multi-byte and astral characters, and invalid UTF-8.
var pieces = []string{"a", "Z", " ", "0", "-", "\"", "\\", "/", "<", ">", "&", "\n", "\t", "\x00", "\x1f", "\x7f", "é", "€", "\u2028", "\u2029", "😀", "\xff", "\xc3", "\ufffd", "\ud7ff", "2015-03-09", "null", "{", "]"}

func (f *fuzzBytes) string() string {
	n := int(f.byte() % 8)
	var b strings.Builder
	for range n {
		b.WriteString(pieces[int(f.byte())%len(pieces)])
	}
	return b.String()
}

func (f *fuzzBytes) date() civil.Date {
	if f.byte()%4 == 0 {
		return civil.Date{}
	}
	y := 1 + int(uint16(f.byte())<<8|uint16(f.byte()))%9999
	return civil.MustNew(y, time.Month(1+f.byte()%12), 1+int(f.byte()%28))
}

// person builds a Person from the fuzzer's bytes.
func (f *fuzzBytes) person() Person {
	p := Person{
		ID: ID(f.int64()), Version: int(f.int64()),
		GivenName: f.string(), FamilyName: f.string(),
		DateOfBirth: f.date(), ExpectedDateOfBirth: f.date(), DateOfDeath: f.date(),
		Sex: f.string(), Gender: f.string(), Ethnicity: f.string(), FirstLanguage: f.string(), Religion: f.string(),
		Identifiers: Identifiers{LAChildID: f.string(), NHSNumber: f.string(), UPN: f.string(), FormerUPN: f.string()},
		Restricted:  f.byte()%2 == 1,
	}
	for range f.byte() % 4 {
		p.OtherNames = append(p.OtherNames, OtherName{Type: f.string(), GivenName: f.string(), FamilyName: f.string()})
	}
	for range f.byte() % 4 {
		p.Disabilities = append(p.Disabilities, f.string())
	}
	for range f.byte() % 4 {
		p.Addresses = append(p.Addresses, Address{Line1: f.string(), Line2: f.string(), Town: f.string(), Postcode: f.string(), Ward: f.string(), StartDate: f.date(), EndDate: f.date()})
	}
	return p
}

func FuzzDecodeStoredMatchesEncodingJSON(f *testing.F) {
	full := []byte(mustMarshal(f, samplePerson()))
	f.Add([]byte{}, full)
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 200, 17, 5, 3, 22, 7}, []byte(`{"id":1,"x":[1,{"y":null}],"given_name":"\ud83d\ude00"}`))
	f.Add([]byte("\xff\xff\xff\xff\xff\xff\xff\xff\x80\x00\x00\x00\x00\x00\x00\x00every byte counts"), []byte(`{"identifiers":{"upn":"A"},"identifiers":null}`))
	f.Add([]byte("x"), []byte(`{"date_of_birth":"2015-03-09","addresses":[{"end_date":null}]}`))
	f.Fuzz(func(t *testing.T, seed, raw []byte) {
		// A person json.Marshal writes reads back without json.Unmarshal,
		// and the same as json.Unmarshal reads it.
		fb := fuzzBytes(seed)
		p := fb.person()
		body, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		checkSame(t, body)
		if !fastPath(body) {
			t.Fatalf("json.Marshal's %s was handed to json.Unmarshal", body)
		}
		// Any bytes at all: the same value, or an error from both.
		checkSame(t, raw)
	})
}

// BenchmarkDecodeStored reads a typical stored person: ASCII text, a few
// dates, one address.
func BenchmarkDecodeStored(b *testing.B) {
	body := []byte(mustMarshal(b, Person{
		ID: 123456, Version: 3, GivenName: "Oliver", FamilyName: "Thompson",
		DateOfBirth: civil.MustNew(2012, time.July, 14), Sex: "M", Ethnicity: "WBRI", FirstLanguage: "ENG", Religion: "NOR",
		Disabilities: []string{"LD"},
		Identifiers:  Identifiers{LAChildID: "LA0123456", NHSNumber: "9434765919", UPN: "A801200112345"},
		Addresses:    []Address{{Line1: "14 Station Road", Town: "Leeds", Postcode: "LS6 2AB", Ward: "Headingley", StartDate: civil.MustNew(2012, time.July, 14)}},
	}))
	b.Run("DecodeStored", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := DecodeStored(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Unmarshal", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var p Person
			if err := json.Unmarshal(body, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestDecodeStoredKnowsEveryField: the decoder skips keys it does not know
// (an older or newer version's), so a field added to Person, or to a type
// in it, without being added to the decoder would be dropped silently from
// every bulk read. This fails until the decoder's key lists name every JSON
// field of the types it reads.
func TestDecodeStoredKnowsEveryField(t *testing.T) {
	for _, c := range []struct {
		typ  reflect.Type
		keys []string
	}{
		{reflect.TypeFor[Person](), personKeys},
		{reflect.TypeFor[OtherName](), otherNameKeys},
		{reflect.TypeFor[Identifiers](), identifiersKeys},
		{reflect.TypeFor[Address](), addressKeys},
	} {
		var fields []string
		for i := range c.typ.NumField() {
			name, _, _ := strings.Cut(c.typ.Field(i).Tag.Get("json"), ",")
			if name != "" && name != "-" {
				fields = append(fields, name)
			}
		}
		if !slices.Equal(fields, c.keys) {
			t.Errorf("%s has the JSON fields %v; DecodeStored reads %v", c.typ.Name(), fields, c.keys)
		}
	}
}
