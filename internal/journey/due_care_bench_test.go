package journey

import (
	"fmt"
	"testing"

	"hearth/internal/care"
)

// A child with a long care history: 40 episodes in one period of care
// (a move every 6 weeks or so), with their reviews, visits and checks.
func longCareHistory() Journey {
	var rs []Record
	start := day("2019-01-07")
	for i := range 40 {
		r := episode(ID(1000+i), start.AddDays(42*i).String(), start.AddDays(42*(i+1)).String(), "P", "X1")
		if i == 0 {
			r.CareEpisode.ReasonNew = "S"
		}
		if i == 39 {
			r.End, r.CareEpisode.ReasonCeased = day(""), ""
		}
		r = withEpisode(r, func(_ *Record, e *care.Episode) { e.Household = care.HouseholdID(i + 1) })
		rs = append(rs, team(r, 3, 30))
	}
	for i := range 80 {
		rs = append(rs, visit(ID(2000+i), 0, start.AddDays(21*i+1).String(), true))
	}
	for i := range 10 {
		rs = append(rs, careReview(ID(3000+i), start.AddDays(180*i+10).String()),
			healthAssessment(ID(3100+i), start.AddDays(180*i+10).String(), i == 0),
			pep(ID(3200+i), start.AddDays(120*i+10).String()))
	}
	return Journey{Person: childBorn("2010-05-15"), Records: rs}
}

func BenchmarkDueWorkInCare(b *testing.B) {
	j := longCareHistory()
	ts := Defaults()
	for b.Loop() {
		if len(DueWork(j, ts)) == 0 {
			b.Fatal("nothing due")
		}
	}
}

func BenchmarkCheckCareEpisode(b *testing.B) {
	j := longCareHistory()
	last := j.Records[39]
	for b.Loop() {
		if err := Check(j, last); err != nil {
			b.Fatal(fmt.Sprint(err))
		}
	}
}
