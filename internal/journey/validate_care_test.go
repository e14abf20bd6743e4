package journey

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
)

func TestValidateCareFixtures(t *testing.T) {
	records := []Record{
		episode(1, "2024-01-08", "", "S", ""), episode(1, "2024-01-08", "2024-03-01", "S", "E4A"),
		careReview(1, "2024-02-01"), healthAssessment(1, "2024-02-01", true), dental(1, "2024-02-01"),
		sdq(1, "2024-02-01", 14), pep(1, "2024-02-01"), adoption(1, "2024-02-01"),
		leavingCare(1, "2024-02-01", ""), pathwayPlan(1, "2024-02-01"), leaverContact(1, "2024-02-01"),
		missing(1, "2024-02-01", ""), missing(1, "2024-02-01", "2024-02-02"),
		screening(1, "2024-02-01"), mace(1, "2024-02-01"),
	}
	records = append(records, careOthers(1, "2024-02-01")...)
	for _, r := range records {
		if err := r.Validate(); err != nil {
			t.Errorf("%s %v: %v", r.Kind, r.End, err)
		}
	}
}

func TestValidateCare(t *testing.T) {
	ep := func(fn func(e *care.Episode)) Record {
		r := episode(1, "2024-01-08", "", "S", "")
		return with(r, func(r *Record) { e := *r.CareEpisode; fn(&e); r.CareEpisode = &e })
	}
	ended := func(reason string) Record { return episode(1, "2024-01-08", "2024-03-01", "S", reason) }
	score := func(n int) *int { return &n }
	ad := func(fn func(r *Record, a *care.Adoption)) Record {
		r := adoption(1, "2024-02-01")
		a := *r.Adoption
		fn(&r, &a)
		r.Adoption = &a
		return r
	}
	contact := func(inTouch, activity, accom string) Record {
		r := leaverContact(1, "2024-02-01")
		r.LeaverContact = &care.LeaverContact{InTouch: inTouch, Activity: activity, Accommodation: accom}
		return r
	}
	mis := func(end string, fn func(m *care.Missing)) Record {
		r := missing(1, "2024-02-01", end)
		m := *r.Missing
		fn(&m)
		r.Missing = &m
		return r
	}
	at := func(d string, hh, mm int) time.Time {
		x := day(d)
		return london(x.Year, x.Month, x.Day, hh, mm)
	}
	tests := []struct {
		name string
		r    Record
		want []fault
	}{
		// Episodes of care.
		{"episode: unknown legal status", ep(func(e *care.Episode) { e.LegalStatus = "V1" }),
			[]fault{{"care_episode.legal_status", "from the list"}}},
		{"episode: no legal status", ep(func(e *care.Episode) { e.LegalStatus = "" }),
			[]fault{{"care_episode.legal_status", "Choose the child's legal status"}}},
		{"episode: need N9 is not a category of need for care", ep(func(e *care.Episode) { e.Need = "N9" }),
			[]fault{{"care_episode.need", "from the list"}}},
		{"episode: no need", ep(func(e *care.Episode) { e.Need = "" }),
			[]fault{{"care_episode.need", "Choose the category of need"}}},
		{"episode: unknown placement", ep(func(e *care.Episode) { e.Placement = "U7" }),
			[]fault{{"care_episode.placement", "from the list"}}},
		{"episode: no reason for the new episode", ep(func(e *care.Episode) { e.ReasonNew = "" }),
			[]fault{{"care_episode.reason_new", "Choose the reason"}}},
		{"episode: unknown reason for the new episode", ep(func(e *care.Episode) { e.ReasonNew = "X" }),
			[]fault{{"care_episode.reason_new", "from the list"}}},
		{"episode: no provider", ep(func(e *care.Episode) { e.Provider = "" }),
			[]fault{{"care_episode.provider", "Choose who provides the placement"}}},
		{"episode: no provider for an other placement (Z1)", ep(func(e *care.Episode) { e.Provider, e.Placement, e.URN = "", "Z1", "" }), nil},
		{"episode: no provider for a temporary move", ep(func(e *care.Episode) { e.Provider, e.Placement, e.URN, e.ReasonNew = "", "T1", "", "P" }), nil},
		{"episode: unknown provider", ep(func(e *care.Episode) { e.Provider = "PR9" }),
			[]fault{{"care_episode.provider", "from the list"}}},
		{"episode: parents providing foster care (rule 550)", ep(func(e *care.Episode) { e.Provider = "PR0" }),
			[]fault{{"care_episode.provider", "Parents provide only"}}},
		{"episode: a period starting in a temporary placement (rule 380)", ep(func(e *care.Episode) { e.Placement, e.Provider, e.URN = "T0", "", "" }),
			[]fault{{"care_episode.placement", "temporary placement"}}},
		{"episode: placed with foster carers for adoption, reason P (rule 217)", ep(func(e *care.Episode) { e.LegalStatus, e.Placement, e.ReasonNew = "E1", "A5", "P" }),
			[]fault{{"care_episode.reason_new", "S, T or U"}}},
		{"episode: placed with foster carers for adoption, reason T", ep(func(e *care.Episode) { e.LegalStatus, e.Placement, e.ReasonNew = "E1", "A5", "T" }), nil},
		{"episode: a reason ceased without an end", ep(func(e *care.Episode) { e.ReasonCeased = "E4A" }),
			[]fault{{"end", "Enter the end date"}}},
		{"episode: an end without a reason ceased", ended(""),
			[]fault{{"care_episode.reason_ceased", "Choose why the episode ended"}}},
		{"episode: unknown reason ceased", ended("E99"),
			[]fault{{"care_episode.reason_ceased", "from the list"}}},
		{"episode: ended with X1", ended("X1"), nil},
		{"episode: reason for a placement change when it did not change", ep(func(e *care.Episode) { e.ReasonPlaceChange = "CARPL" }),
			[]fault{{"care_episode.reason_place_change", "only when the placement changed"}}},
		{"episode: reason for a placement change, reason P", ep(func(e *care.Episode) { e.ReasonNew, e.ReasonPlaceChange = "P", "CHILD" }), nil},
		{"episode: unknown reason for a placement change", ep(func(e *care.Episode) { e.ReasonNew, e.ReasonPlaceChange = "P", "BORED" }),
			[]fault{{"care_episode.reason_place_change", "from the list"}}},
		{"episode: unknown permanence goal", ep(func(e *care.Episode) { e.Permanence = "forever" }),
			[]fault{{"care_episode.permanence", "from the list"}}},
		{"episode: a postcode that is not one", ep(func(e *care.Episode) { e.Postcode = "NOT A POSTCODE" }),
			[]fault{{"care_episode.postcode", "UK postcode"}}},
		{"episode: a URN with a space", ep(func(e *care.Episode) { e.URN = "SC 12345" }),
			[]fault{{"care_episode.urn", "letters and digits"}}},
		// Reviews and SDQs.
		{"review: no participation", with(careReview(1, "2024-02-01"), func(r *Record) { r.CareReview.Participation = "" }),
			[]fault{{"care_review.participation", "Choose how the child took part"}}},
		{"review: unknown participation", with(careReview(1, "2024-02-01"), func(r *Record) { r.CareReview.Participation = "PN8" }),
			[]fault{{"care_review.participation", "from the list"}}},
		{"sdq: neither score nor reason", with(sdq(1, "2024-02-01", 0), func(r *Record) { r.SDQ = &care.SDQ{} }),
			[]fault{{"sdq.score", "Enter the score"}}},
		{"sdq: both score and reason", with(sdq(1, "2024-02-01", 0), func(r *Record) { r.SDQ = &care.SDQ{Score: score(3), Reason: "SDQ2"} }),
			[]fault{{"sdq.reason", "not both"}}},
		{"sdq: score 0", with(sdq(1, "2024-02-01", 0), func(r *Record) { r.SDQ = &care.SDQ{Score: score(0)} }), nil},
		{"sdq: score 40", with(sdq(1, "2024-02-01", 0), func(r *Record) { r.SDQ = &care.SDQ{Score: score(40)} }), nil},
		{"sdq: score 41", with(sdq(1, "2024-02-01", 0), func(r *Record) { r.SDQ = &care.SDQ{Score: score(41)} }),
			[]fault{{"sdq.score", "from 0 to 40"}}},
		{"sdq: score -1", with(sdq(1, "2024-02-01", 0), func(r *Record) { r.SDQ = &care.SDQ{Score: score(-1)} }),
			[]fault{{"sdq.score", "from 0 to 40"}}},
		{"sdq: a reason", with(sdq(1, "2024-02-01", 0), func(r *Record) { r.SDQ = &care.SDQ{Reason: "SDQ5"} }), nil},
		{"sdq: unknown reason", with(sdq(1, "2024-02-01", 0), func(r *Record) { r.SDQ = &care.SDQ{Reason: "SDQ9"} }),
			[]fault{{"sdq.reason", "from the list"}}},
		// Adoption.
		{"adoption: every milestone in order, adopted", ad(func(r *Record, a *care.Adoption) {
			a.PlacementOrder, a.Matched, a.Placed, a.Order = day("2024-03-01"), day("2024-05-01"), day("2024-05-01"), day("2024-09-02")
			adopters(a)
			r.End = day("2024-09-02")
		}), nil},
		{"adoption: match before the decision (rule 333)", ad(func(r *Record, a *care.Adoption) { a.Matched = day("2024-01-31") }),
			[]fault{{"adoption.matched", "before the decision"}}},
		{"adoption: placement order before the decision", ad(func(r *Record, a *care.Adoption) { a.PlacementOrder = day("2024-01-31") }),
			[]fault{{"adoption.placement_order", "before the decision"}}},
		{"adoption: placed before the match (rule 331)", ad(func(r *Record, a *care.Adoption) { a.Matched, a.Placed = day("2024-05-02"), day("2024-05-01") }),
			[]fault{{"adoption.placed", "on or after the match"}}},
		{"adoption: placed without a match", ad(func(r *Record, a *care.Adoption) { a.Placed = day("2024-05-01") }),
			[]fault{{"adoption.matched", "Enter the date of the match"}}},
		{"adoption: order before the placement", ad(func(r *Record, a *care.Adoption) {
			a.Matched, a.Placed, a.Order = day("2024-05-01"), day("2024-05-02"), day("2024-05-01")
			adopters(a)
			r.End = day("2024-05-01")
		}), []fault{{"adoption.order", "on or after the placement"}}},
		{"adoption: order without a placement", ad(func(r *Record, a *care.Adoption) { a.Order = day("2024-09-02"); r.End = day("2024-09-02"); adopters(a) }),
			[]fault{{"adoption.placed", "Enter the date the child was placed"}}},
		{"adoption: order, ended another day", ad(func(r *Record, a *care.Adoption) {
			a.Matched, a.Placed, a.Order = day("2024-05-01"), day("2024-05-01"), day("2024-09-02")
			adopters(a)
			r.End = day("2024-09-03")
		}), []fault{{"end", "ends on the day of the adoption order"}}},
		{"adoption: order and a reason it stopped (rule 558)", ad(func(r *Record, a *care.Adoption) {
			a.Matched, a.Placed, a.Order, a.ReasonCeased = day("2024-05-01"), day("2024-05-01"), day("2024-09-02"), "RD4"
			adopters(a)
			r.End = day("2024-09-02")
		}), []fault{{"adoption.reason_ceased", "no reason the plan stopped"}}},
		{"adoption: stopped with a reason", ad(func(r *Record, a *care.Adoption) { a.ReasonCeased = "RD3"; r.End = day("2024-08-01") }), nil},
		{"adoption: stopped without a reason", ad(func(r *Record, a *care.Adoption) { r.End = day("2024-08-01") }),
			[]fault{{"adoption.reason_ceased", "Choose why the child should no longer"}}},
		{"adoption: a reason without an end", ad(func(r *Record, a *care.Adoption) { a.ReasonCeased = "RD3" }),
			[]fault{{"end", "Enter the end date"}}},
		{"adoption: unknown reason", ad(func(r *Record, a *care.Adoption) { a.ReasonCeased = "RD9"; r.End = day("2024-08-01") }),
			[]fault{{"adoption.reason_ceased", "from the list"}}},
		{"adoption: three adopters", ad(func(r *Record, a *care.Adoption) { a.Adopters = 3 }),
			[]fault{{"adoption.adopters", "one or two"}}},
		{"adoption: two adopters, a single woman", ad(func(r *Record, a *care.Adoption) { a.Adopters, a.AdoptersSex = 2, "F1" }),
			[]fault{{"adoption.adopters_sex", "for 2 adopters"}}},
		{"adoption: civil partners, a man and a woman (rule 524)", ad(func(r *Record, a *care.Adoption) { a.Adopters, a.AdoptersSex, a.AdoptersStatus = 2, "MF", "L12" }),
			[]fault{{"adoption.adopters_sex", "civil partnership"}}},
		{"adoption: a date that does not exist", ad(func(r *Record, a *care.Adoption) { a.Matched = civil.Date{Year: 2023, Month: time.February, Day: 29} }),
			[]fault{{"adoption.matched", "real date"}}},
		// Care leavers.
		{"leaver contact: no in touch", contact("", "", ""),
			[]fault{{"leaver_contact.in_touch", "Choose whether the council is in touch"}}},
		{"leaver contact: in touch without activity or accommodation (rule 345)", contact("YES", "0", ""),
			[]fault{{"leaver_contact.activity", "choose what"}, {"leaver_contact.accommodation", "choose where"}}},
		{"leaver contact: died, with an activity (rule 344)", contact("DIED", "F1", ""),
			[]fault{{"leaver_contact.activity", "No activity"}}},
		{"leaver contact: not in touch, not known", contact("NO", "0", "0"), nil},
		{"leaver contact: not in touch, nothing (rule 153)", contact("NO", "", ""),
			[]fault{{"leaver_contact.activity", "or not known"}, {"leaver_contact.accommodation", "or not known"}}},
		{"leaver contact: unknown codes", contact("YES", "F9", "Q1"),
			[]fault{{"leaver_contact.activity", "from the list"}, {"leaver_contact.accommodation", "from the list"}}},
		{"leaving care: an adviser's name with a control character", with(leavingCare(1, "2024-02-01", ""), func(r *Record) { r.LeavingCare.Adviser = "Jo\x00" }),
			[]fault{{"leaving_care.adviser", "control characters"}}},
		// Missing.
		{"missing: no start", mis("", func(m *care.Missing) { m.StartedAt = time.Time{} }),
			[]fault{{"missing.started_at", "Enter when the child went missing"}}},
		// 23:30 in London on 1 February is still that day; 00:30 on the 2nd
		// is not, though it is the 1st in some other zones.
		{"missing: late at night, London's day", mis("", func(m *care.Missing) { m.StartedAt = at("2024-02-01", 23, 30) }), nil},
		{"missing: started on another day", mis("", func(m *care.Missing) { m.StartedAt = at("2024-02-02", 0, 30) }),
			[]fault{{"missing.started_at", "on the day the episode starts"}}},
		{"missing: returned before going missing", mis("2024-02-01", func(m *care.Missing) { m.ReturnedAt = at("2024-02-01", 21, 0) }),
			[]fault{{"missing.returned_at", "after they went missing"}}},
		{"missing: returned on another day than the end", mis("2024-02-02", func(m *care.Missing) { m.ReturnedAt = at("2024-02-03", 1, 0) }),
			[]fault{{"missing.returned_at", "on the day the episode ends"}}},
		{"missing: ended without a return", mis("2024-02-02", func(m *care.Missing) { m.ReturnedAt = time.Time{} }),
			[]fault{{"missing.returned_at", "Enter when the child returned"}}},
		{"missing: a return without an end", mis("", func(m *care.Missing) { m.ReturnedAt = at("2024-02-02", 9, 0) }),
			[]fault{{"end", "Enter the day the child returned"}}},
		{"missing: accepted, not offered", mis("2024-02-02", func(m *care.Missing) { m.InterviewAccepted = true }),
			[]fault{{"missing.interview_accepted", "once it has been offered"}}},
		{"missing: interview before the return", mis("2024-02-02", func(m *care.Missing) {
			m.InterviewOffered, m.InterviewAccepted, m.InterviewDate = true, true, day("2024-02-01")
		}), []fault{{"missing.interview_date", "before the child returned"}}},
		{"missing: interview the day of the return", mis("2024-02-02", func(m *care.Missing) {
			m.InterviewOffered, m.InterviewAccepted, m.InterviewDate = true, true, day("2024-02-02")
		}), nil},
		{"missing: interview not accepted", mis("2024-02-02", func(m *care.Missing) { m.InterviewOffered, m.InterviewDate = true, day("2024-02-03") }),
			[]fault{{"missing.interview_accepted", "offered and accepted"}}},
		{"missing: interview before any return", mis("", func(m *care.Missing) {
			m.InterviewOffered, m.InterviewAccepted, m.InterviewDate = true, true, day("2024-02-03")
		}), []fault{{"missing.interview_date", "after the child returns"}}},
		// Screening and MACE.
		{"screening: a risk not graded", with(screening(1, "2024-02-01"), func(r *Record) { r.Screening.CountyLines = "" }),
			[]fault{{"exploitation_screening.county_lines", "Choose the risk of county lines"}}},
		{"screening: an unknown grade", with(screening(1, "2024-02-01"), func(r *Record) { r.Screening.Sexual = "severe" }),
			[]fault{{"exploitation_screening.sexual", "from the list"}}},
		{"mace: no summary", with(mace(1, "2024-02-01"), func(r *Record) { r.MACE.Summary = "" }),
			[]fault{{"mace.summary", "Enter what the meeting agreed"}}},
		{"mace: a summary that turns the text round", with(mace(1, "2024-02-01"), func(r *Record) { r.MACE.Summary = "ok \u202e" }),
			[]fault{{"mace.summary", "direction of text"}}},
		// Dates.
		{"an end for a one-day kind", with(careReview(1, "2024-02-01"), func(r *Record) { r.End = day("2024-02-02") }),
			[]fault{{"end", "has no end date"}}},
		{"an episode ending before it starts", with(ended("E4A"), func(r *Record) { r.End = day("2024-01-07") }),
			[]fault{{"end", "The date the episode ended must be on or after the date the episode started"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFaults(t, tt.r.Validate(), tt.want...)
		})
	}
}

func TestNormaliseCare(t *testing.T) {
	r := episode(1, "2024-01-08", "", "S", "")
	r.CareEpisode.LegalStatus, r.CareEpisode.Postcode = " C2 ", " ab1 2cd"
	r.Normalise()
	if r.CareEpisode.LegalStatus != "C2" || r.CareEpisode.Postcode != "AB1 2CD" {
		t.Errorf("normalised to %q, %q", r.CareEpisode.LegalStatus, r.CareEpisode.Postcode)
	}
	m := with(mace(1, "2024-02-01"), func(r *Record) { r.MACE.Summary = "  " })
	m.Normalise()
	wantFaults(t, m.Validate(), fault{"mace.summary", "Enter what the meeting agreed"})
	s := with(screening(1, "2024-02-01"), func(r *Record) { r.Screening.Sexual = " high " })
	s.Normalise()
	if s.Screening.Sexual != "high" {
		t.Errorf("screening %q", s.Screening.Sexual)
	}
}

func TestCareNeedsAreN1ToN8(t *testing.T) {
	var got []string
	for _, c := range careNeeds {
		got = append(got, c.Code)
	}
	if want := "N1 N2 N3 N4 N5 N6 N7 N8"; strings.Join(got, " ") != want {
		t.Errorf("care needs %v, want %s", got, want)
	}
}
