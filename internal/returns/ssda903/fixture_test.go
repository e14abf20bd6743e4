package ssda903

import (
	"testing"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

func d(s string) civil.Date {
	v, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

// upn builds a valid UPN from its last twelve characters.
func upn(t testing.TB, rest string) string {
	t.Helper()
	c, ok := people.UPNCheckLetter(rest)
	if !ok {
		t.Fatalf("UPNCheckLetter(%q) not ok", rest)
	}
	return string(c) + rest
}

// span sets a record's start and end ("" for none).
func span(r journey.Record, start, end string) journey.Record {
	r.Start = d(start)
	if end != "" {
		r.End = d(end)
	}
	return r
}

// episode is an episode of care.
func episode(id journey.ID, start, end string, e care.Episode) journey.Record {
	return span(journey.Record{ID: id, Kind: journey.KindCareEpisode, CareEpisode: &e}, start, end)
}

func record(id journey.ID, k journey.Kind, start, end string) journey.Record {
	r := span(journey.Record{ID: id, Kind: k}, start, end)
	switch k {
	case journey.KindCareReview:
		r.CareReview = &care.Review{Participation: "PN1"}
	case journey.KindHealthAssessment:
		r.HealthAssessment = &care.HealthAssessment{}
	case journey.KindDentalCheck:
		r.DentalCheck = &care.DentalCheck{}
	case journey.KindImmunisations:
		r.Immunisations = &care.Immunisations{UpToDate: true}
	case journey.KindSDQ:
		r.SDQ = &care.SDQ{}
	case journey.KindUASC:
		r.UASC = &care.UASC{}
	case journey.KindMissing:
		r.Missing = &care.Missing{}
	case journey.KindAdoption:
		r.Adoption = &care.Adoption{}
	case journey.KindLeaverContact:
		r.LeaverContact = &care.LeaverContact{}
	case journey.KindAllocation:
		r.Allocation = &journey.Allocation{}
		r.WorkerID = access.UserID(7)
	}
	return r
}

// goldenChildren are a small set of children for the 2023-24 return
// (Year 2024) covering its cases: an episode spanning the year's start, a
// placement change with the reason on the episode that ended, an open
// episode, a child leaving care in the year, missing periods (one before
// care, left out), a care leaver's OC3 around a leap-day birthday (29
// February 2024), a UASC child, social worker episodes, and an adoption.
func goldenChildren(t testing.TB) []Child {
	score := 14
	sdq := record(105, journey.KindSDQ, "2023-06-01", "")
	sdq.SDQ.Score = &score
	review2 := record(102, journey.KindCareReview, "2023-11-01", "")
	review2.CareReview.Participation = "PN3"
	left := record(111, journey.KindAllocation, "2023-10-10", "")
	left.Allocation.Reason = "LEFTRL"
	away := record(205, journey.KindMissing, "2023-12-30", "2024-01-02")
	away.Missing.Away = true
	contact := record(301, journey.KindLeaverContact, "2024-03-05", "")
	contact.LeaverContact = &care.LeaverContact{InTouch: "YES", Activity: "F2", Accommodation: "D1"}
	plan := record(403, journey.KindAdoption, "2022-11-01", "2024-02-20")
	plan.Adoption = &care.Adoption{Matched: d("2023-06-01"), Placed: d("2023-07-01"), Order: d("2024-02-20"),
		Adopters: 2, AdoptersSex: "MF", AdoptersStatus: "L11"}

	return []Child{
		{ // Looked after since 2021, moved in the year, still looked after.
			Person: people.Person{ID: 1, DateOfBirth: d("2010-05-10"), Sex: "2", Ethnicity: "WBRI",
				Identifiers: people.Identifiers{LAChildID: "C001", UPN: upn(t, "201000000001")},
				Addresses:   []people.Address{{Postcode: "ab1 2bd", StartDate: d("2015-01-01")}}},
			Records: []journey.Record{
				episode(11, "2021-06-01", "2023-09-15", care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U4", Provider: "PR1",
					Postcode: "AB3 4EF", URN: "SC123456", ReasonNew: "S", ReasonCeased: "X1"}),
				episode(12, "2023-09-15", "", care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U6", Provider: "PR4",
					Postcode: "AB5 6GH", URN: "SC654321", ReasonNew: "P", ReasonPlaceChange: "CARPL"}),
				record(101, journey.KindCareReview, "2023-05-01", ""), review2,
				record(103, journey.KindHealthAssessment, "2023-07-01", ""),
				record(104, journey.KindDentalCheck, "2023-08-01", ""),
				record(106, journey.KindImmunisations, "2023-07-01", ""),
				sdq,
				record(107, journey.KindMissing, "2023-10-01", "2023-10-03"),
				record(110, journey.KindAllocation, "2021-06-01", "2023-10-10"), left,
			},
		},
		{ // Came into care in the year, and went home.
			Person: people.Person{ID: 2, DateOfBirth: d("2008-03-03"), Sex: "1", Ethnicity: "BAFR",
				Identifiers: people.Identifiers{LAChildID: "C002"},
				Addresses: []people.Address{{Postcode: "ZZ1 1ZZ", StartDate: d("2010-01-01"), EndDate: d("2023-01-01")},
					{Postcode: "AB7 8JJ", StartDate: d("2023-01-01")}}},
			UPNUnknown: "UN2",
			Records: []journey.Record{
				episode(21, "2023-05-20", "2024-01-15", care.Episode{LegalStatus: "V2", Need: "N4", Placement: "K2", Provider: "PR4",
					Postcode: "AB9 9LL", URN: "SC111111", ReasonNew: "S", ReasonCeased: "E4A"}),
				record(204, journey.KindMissing, "2023-04-10", "2023-04-11"), // from home, before care
				away,
				record(206, journey.KindUASC, "2023-05-20", ""),
			},
		},
		{ // A care leaver born on 29 February, 20 on 29 February 2024.
			Person: people.Person{ID: 3, DateOfBirth: d("2004-02-29"), Sex: "1", Ethnicity: "WOTH",
				Identifiers: people.Identifiers{UPN: upn(t, "200400000003")}},
			Records: []journey.Record{
				episode(31, "2019-01-01", "2022-03-01", care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U4", Provider: "PR1",
					ReasonNew: "S", ReasonCeased: "E17"}),
				contact,
			},
		},
		{ // Adopted in the year.
			Person: people.Person{ID: 4, DateOfBirth: d("2020-09-09"), Sex: "2", Ethnicity: "MWBC",
				Identifiers: people.Identifiers{LAChildID: "C004"}},
			UPNUnknown: "UN1",
			Records: []journey.Record{
				episode(41, "2021-01-10", "2022-10-01", care.Episode{LegalStatus: "C1", Need: "N1", Placement: "U6", Provider: "PR1",
					ReasonNew: "S", ReasonCeased: "X1"}),
				episode(42, "2022-10-01", "2023-07-01", care.Episode{LegalStatus: "E1", Need: "N1", Placement: "U6", Provider: "PR1",
					URN: "SC777777", ReasonNew: "L", ReasonCeased: "X1"}),
				episode(43, "2023-07-01", "2024-02-20", care.Episode{LegalStatus: "E1", Need: "N1", Placement: "A6", Provider: "PR1",
					URN: "SC888888", ReasonNew: "P", ReasonPlaceChange: "CARPL", ReasonCeased: "E11"}),
				plan,
			},
		},
		{ // Not looked after and no care leaver: not in the return.
			Person:  people.Person{ID: 5, DateOfBirth: d("2012-01-01"), Sex: "1", Ethnicity: "WBRI"},
			Records: []journey.Record{record(501, journey.KindMissing, "2023-06-01", "2023-06-02")},
		},
	}
}
