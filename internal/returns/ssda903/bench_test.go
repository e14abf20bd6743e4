package ssda903

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// benchChildren are n children looked after since 2019 or later, each
// moving every six months (about ten episodes, five of them in the year),
// reviewed every six months, missing for a day every four months, with a
// health assessment, dental check and SDQ a year and a new worker a year:
// about 60 records each, several times Demo City's history of a child in
// care.
func benchChildren(n int) []Child {
	out := make([]Child, n)
	for i := range out {
		start := civil.MustNew(2019, 1, 1).AddDays(i % 900)
		dob := start.AddDays(-365 * (2 + i%14))
		var recs []journey.Record
		id := journey.ID(i * 1000)
		next := func() journey.ID { id++; return id }
		place := []string{"U4", "U6", "K2", "U1"}
		at, k := start, 0
		for at.Before(civil.MustNew(2024, 3, 1)) {
			to := at.AddDays(182)
			e := care.Episode{LegalStatus: "C2", Need: "N1", Placement: place[k%4], Provider: "PR1", URN: "SC100000",
				Postcode: "AB1 2BD", ReasonNew: "P", ReasonCeased: "X1", ReasonPlaceChange: "CARPL"}
			if k == 0 {
				e.ReasonNew, e.ReasonPlaceChange = "S", ""
			}
			r := journey.Record{ID: next(), Kind: journey.KindCareEpisode, Start: at, End: to, CareEpisode: &e}
			if !to.Before(civil.MustNew(2024, 3, 1)) {
				r.End, e.ReasonCeased = civil.Date{}, ""
			}
			recs = append(recs, r,
				journey.Record{ID: next(), Kind: journey.KindCareReview, Start: at.AddDays(20), CareReview: &care.Review{Participation: "PN1"}},
				journey.Record{ID: next(), Kind: journey.KindMissing, Start: at.AddDays(60), End: at.AddDays(61), Missing: &care.Missing{}},
				journey.Record{ID: next(), Kind: journey.KindMissing, Start: at.AddDays(120), End: at.AddDays(121), Missing: &care.Missing{Away: true}},
				journey.Record{ID: next(), Kind: journey.KindHealthAssessment, Start: at.AddDays(30), HealthAssessment: &care.HealthAssessment{}},
				journey.Record{ID: next(), Kind: journey.KindAllocation, Start: at, End: to, WorkerID: 7, Allocation: &journey.Allocation{Reason: "MANAGE"}},
			)
			at, k = to, k+1
		}
		recs[len(recs)-1].End = civil.Date{}
		out[i] = Child{
			Person: people.Person{ID: people.ID(i + 1), DateOfBirth: dob, Sex: "1", Ethnicity: "WBRI",
				Identifiers: people.Identifiers{LAChildID: fmt.Sprintf("C%06d", i)}},
			UPNUnknown: "UN1",
			Records:    recs,
		}
	}
	return out
}

func benchFiles(b *testing.B, r Return) map[string][]byte {
	b.Helper()
	return write(b, r)
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		children := benchChildren(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Build(2024, "999", children)
			}
		})
	}
}

func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		r := Build(2024, "999", benchChildren(n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if err := Write(r, func(string) (io.Writer, error) { return io.Discard, nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRead(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		files := benchFiles(b, Build(2024, "999", benchChildren(n)))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				fs := make([]File, 0, len(files))
				for name, data := range files {
					fs = append(fs, File{Name: name, Body: bytes.NewReader(data)})
				}
				if _, p := Read(2024, "999", fs); len(p) > 0 {
					b.Fatal(p[0])
				}
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		r := Build(2024, "999", benchChildren(n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Validate(r)
			}
		})
	}
}
