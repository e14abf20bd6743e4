package annexa_test

import (
	"fmt"
	"io"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/report"
	"hearth/internal/returns/annexa"
)

// The caller reads the children and their records, builds the lists for
// the window, and renders the workbook.
func Example() {
	referred := civil.MustNew(2026, time.July, 6)
	child := annexa.Child{
		Person: people.Person{ID: 7, DateOfBirth: civil.MustNew(2015, time.May, 1), Sex: "1", Ethnicity: "APKN"},
		Records: []journey.Record{
			{ID: 1, PersonID: 7, Kind: journey.KindReferral, Start: referred, TeamID: 1, WorkerID: 2,
				Referral: &journey.Referral{Source: "2A", PrimaryNeed: "N4"}},
		},
	}
	names := annexa.Names{
		Teams:   map[access.TeamID]string{1: "Referral and assessment"},
		Workers: map[access.UserID]string{2: "Priya Shah"},
	}
	lists := annexa.Build(annexa.Months(civil.MustNew(2026, time.November, 30), 6), []annexa.Child{child}, names)
	for _, r := range lists.Referrals {
		fmt.Println(r.ID, r.Age, r.Date, r.Source, r.NFA, r.Previous, r.Team, r.Worker)
	}
	for _, r := range lists.ChildrenInNeed {
		fmt.Println(r.ID, r.Start, r.PrimaryNeed, r.Status)
	}
	doc := annexa.Document(lists, time.Date(2026, time.December, 1, 9, 0, 0, 0, time.UTC))
	fmt.Println(doc.Subtitle, len(doc.Sections), "sheets")
	if err := report.XLSX(io.Discard, doc); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 7 11 2026-07-06 2A N 0 Referral and assessment Priya Shah
	// 7 2026-07-06 N4 In assessment
	// 1 June 2026 to 30 November 2026 11 sheets
}
