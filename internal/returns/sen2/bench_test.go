package sen2

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"hearth/internal/education"
	"hearth/internal/people"
)

// syntheticChildren is n children shaped like the sample's (a plan issued
// in time, two requests, a late plan with an exception, a historical plan
// ceased, a plan late without one), each with every record of its pattern
// and a few of other kinds the return passes over (an exclusion, a CME
// enquiry), so that Build has a real council's mixture to sort through.
func syntheticChildren(n int) []Child {
	base := sampleChildren()
	base = base[1:] // Finn is outside the return
	out := make([]Child, 0, n)
	for i := 0; len(out) < n; i++ {
		for _, ch := range base {
			if len(out) == n {
				break
			}
			c := ch
			c.Person.ID = people.ID(len(out) + 1)
			c.Person.FamilyName = fmt.Sprintf("%s%05d", ch.Person.FamilyName, i)
			c.Person.Identifiers.UPN = "" // unique persons without computing check letters
			c.UPNUnknown = "UN5"
			c.Records = append(append([]education.Record(nil), ch.Records...),
				education.Record{ID: 900, Kind: education.KindExclusion, Exclusion: &education.SchoolExclusion{School: "100001"}},
				education.Record{ID: 901, Kind: education.KindCME, CME: &education.CMEEnquiry{}},
			)
			out = append(out, c)
		}
	}
	return out
}

// BenchmarkExport builds the return of 3,000 children from their records
// and writes its XML: the export the issue times (target: under 1 s).
func BenchmarkExport(b *testing.B) {
	children := syntheticChildren(3000)
	b.ReportAllocs()
	for b.Loop() {
		r := Build(sampleHeader(), y2025, children)
		if len(r.Persons) != 3000 {
			b.Fatalf("%d persons", len(r.Persons))
		}
		if err := r.WriteXML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidate runs every rule on that return.
func BenchmarkValidate(b *testing.B) {
	r := Build(sampleHeader(), y2025, syntheticChildren(3000))
	b.ReportAllocs()
	for b.Loop() {
		Validate(r)
	}
}

// BenchmarkReadXML reads that return's file back, every problem checked.
func BenchmarkReadXML(b *testing.B) {
	var buf bytes.Buffer
	if err := Build(sampleHeader(), y2025, syntheticChildren(3000)).WriteXML(&buf); err != nil {
		b.Fatal(err)
	}
	x := buf.Bytes()
	b.SetBytes(int64(len(x)))
	b.ReportAllocs()
	for b.Loop() {
		if _, problems := ReadXML(bytes.NewReader(x)); len(problems) != 0 {
			b.Fatalf("problems: %v", problems[:1])
		}
	}
}
