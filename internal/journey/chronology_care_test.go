package journey

import (
	"testing"

	"hearth/internal/access"
	"hearth/internal/care"
)

func TestChronologyCare(t *testing.T) {
	score := 14
	noScore := with(sdq(7, "2024-03-01", 0), func(r *Record) { r.SDQ = &care.SDQ{Reason: "SDQ5"} })
	adopted := with(adoption(8, "2024-01-15"), func(r *Record) {
		r.End, r.Adoption = day("2024-09-02"), &care.Adoption{Matched: day("2024-05-01"), Placed: day("2024-05-01"), Order: day("2024-09-02")}
	})
	records := []Record{
		episode(1, "2023-12-01", "2024-02-26", "S", "X1"),
		moved(episode(2, "2024-02-26", "2024-10-01", "P", "E11"), 9),
		careReview(3, "2024-01-03"), healthAssessment(4, "2024-01-02", true), healthAssessment(5, "2024-07-01", false),
		sdq(6, "2024-02-01", score), noScore, adopted, missing(9, "2024-03-29", "2024-03-30"),
	}
	var got []string
	for _, e := range Chronology(records) {
		got = append(got, e.Date.String()+" "+e.What)
	}
	want := []string{
		"2023-12-01 Came into care: Foster care with other carers: not long term (Accommodated under section 20: a single period)",
		"2024-01-02 Initial health assessment",
		"2024-01-03 Review of the care plan",
		"2024-01-15 Decision: to be placed for adoption",
		"2024-02-01 Strengths and difficulties questionnaire: score 14",
		// The X1 end says nothing: the next episode's start says what changed.
		"2024-02-26 Change of placement and carers: Foster care with other carers: not long term (Accommodated under section 20: a single period)",
		"2024-03-01 Strengths and difficulties questionnaire: no score (The young person refused)",
		"2024-03-29 Went missing",
		"2024-03-30 Returned",
		"2024-07-01 Review health assessment",
		"2024-09-02 Adopted",
		"2024-10-01 Left care: Adopted: application unopposed",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d events:\n%v\nwant %d:\n%v", len(got), got, len(want), want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d: got %q, want %q", i, got[i], want[i])
		}
	}
	// Every kind has words for its start.
	for _, k := range Kinds {
		if start, _ := eventNames(detailed(Kind(k.Code))); start == "" {
			t.Errorf("%s has no words for its start", k.Code)
		}
	}
}

// detailed is a record of kind k with an empty detail of its own.
func detailed(k Kind) Record {
	r := Record{Kind: k}
	switch k {
	case KindContact:
		r.Contact = &Contact{}
	case KindEarlyHelp:
		r.EarlyHelp = &EarlyHelp{}
	case KindReferral:
		r.Referral = &Referral{}
	case KindAssessment:
		r.Assessment = &Assessment{}
	case KindStrategy:
		r.Strategy = &Strategy{}
	case KindS47:
		r.S47 = &S47{}
	case KindICPC:
		r.ICPC = &ICPC{}
	case KindCINPlan, KindCPPlan:
		r.Plan = &Plan{}
	case KindCPReview:
		r.Review = &Review{}
	case KindVisit:
		r.Visit = &Visit{}
	case KindNote:
		r.Note = &Note{Title: "A note"}
	case KindAllocation:
		r.Allocation = &Allocation{}
	case KindFamilyMeeting:
		r.FamilyMeeting = &FamilyMeeting{}
	case KindCareEpisode:
		r.CareEpisode = &care.Episode{}
	case KindCareReview:
		r.CareReview = &care.Review{}
	case KindHealthAssessment:
		r.HealthAssessment = &care.HealthAssessment{}
	case KindDentalCheck:
		r.DentalCheck = &care.DentalCheck{}
	case KindImmunisations:
		r.Immunisations = &care.Immunisations{}
	case KindSDQ:
		r.SDQ = &care.SDQ{}
	case KindPEP:
		r.PEP = &care.PEP{}
	case KindUASC:
		r.UASC = &care.UASC{}
	case KindAdoption:
		r.Adoption = &care.Adoption{}
	case KindSGO:
		r.SGO = &care.SGO{}
	case KindLeavingCare:
		r.LeavingCare = &care.LeavingCare{}
	case KindPathwayPlan:
		r.PathwayPlan = &care.PathwayPlan{}
	case KindLeaverContact:
		r.LeaverContact = &care.LeaverContact{}
	case KindMissing:
		r.Missing = &care.Missing{}
	case KindScreening:
		r.Screening = &care.Screening{}
	case KindMACE:
		r.MACE = &care.MACE{}
	}
	return r
}

func TestStatusCare(t *testing.T) {
	cp := cpPlan(7, 2, 6, "2024-02-05", "")
	inCare := episode(20, "2024-03-01", "", "S", "")
	leftCare := episode(20, "2024-03-01", "2024-06-01", "S", "E17")
	lc := leavingCare(21, "2024-06-01", "")
	ref := referral(2, 0, "2024-01-09", "")
	legalStatus := func(r Record, ls string) Record {
		return withEpisode(r, func(_ *Record, e *care.Episode) { e.LegalStatus = ls })
	}
	cin := cinPlan(8, 2, "2024-02-05", "")
	shortBreaks := legalStatus(episode(20, "2024-03-01", "2024-05-01", "S", "X1"), "V4")
	fullCare := legalStatus(episode(22, "2024-05-01", "", "L", ""), "C2")
	tests := []struct {
		name    string
		records []Record
		on      string
		want    string
	}{
		{"in care and on a plan", []Record{ref, cp, inCare}, "2024-03-01", "looked_after"},
		{"on a plan the day before care", []Record{ref, cp, inCare}, "2024-02-29", "cp"},
		{"the day care ended", []Record{leftCare}, "2024-06-01", "closed"},
		{"after an X1 end, the next episode to come", []Record{episode(20, "2024-03-01", "2024-04-01", "S", "X1")}, "2024-04-02", "looked_after"},
		{"a care leaver", []Record{leftCare, lc}, "2024-06-01", "care_leaver"},
		{"a care leaver in an open referral", []Record{leftCare, lc, referral(2, 0, "2024-07-01", "")}, "2024-07-01", "care_leaver"},
		{"a care leaver on a plan", []Record{leftCare, lc, ref, cp}, "2024-07-01", "cp"},
		{"short breaks and a plan: the plan", []Record{ref, cp, shortBreaks}, "2024-03-01", "cp"},
		{"short breaks and a child in need plan: the plan", []Record{ref, cin, shortBreaks}, "2024-03-01", "cin"},
		{"short breaks alone: looked after", []Record{shortBreaks}, "2024-03-01", "looked_after"},
		{"short breaks then full care: looked after", []Record{ref, cp, shortBreaks, fullCare}, "2024-05-01", "looked_after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Status(tt.records, day(tt.on)); got != tt.want {
				t.Errorf("Status = %q, want %q", got, tt.want)
			}
			if !Statuses.Has(tt.want) {
				t.Errorf("%q is not in Statuses", tt.want)
			}
		})
	}
}

func TestInvolvementCare(t *testing.T) {
	ep := team(episode(20, "2024-03-01", "2024-06-01", "S", "E17"), 6, 60)
	lc := team(leavingCare(21, "2024-06-01", ""), 7, 70)
	alloc := func(in Record) Record { r := allocation(30, in.ID, "2024-03-02", "", 8, 80); return r }
	tests := []struct {
		name       string
		r, episode Record
		kind       string
	}{
		{"an episode of care", ep, Record{}, access.KindLookedAfter},
		{"the leaving care service", lc, Record{}, access.KindCareLeaver},
		{"an allocation in care", alloc(ep), ep, access.KindLookedAfter},
		{"an allocation in the leaving care service", alloc(lc), lc, access.KindCareLeaver},
		{"an allocation in a referral", alloc(referral(2, 0, "2024-01-09", "")), referral(2, 0, "2024-01-09", ""), access.KindChildInNeed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Involvement(tt.r, tt.episode)
			want := access.Involvement{PersonID: child, TeamID: tt.r.TeamID, WorkerID: tt.r.WorkerID, StartDate: tt.r.Start, EndDate: tt.r.End, Kind: tt.kind}
			if !ok || got != want {
				t.Errorf("got %+v, %v; want %+v", got, ok, want)
			}
		})
	}
	if _, ok := Involvement(episode(20, "2024-03-01", "", "S", ""), Record{}); ok {
		t.Error("an episode of care without a team gives no involvement")
	}
}
