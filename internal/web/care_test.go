package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// TestPlacementsTimeline: the journey page's placements are newest first,
// each with why the child moved there (or that it began a period of care),
// "Not shown" for a postcode the app did not give, and the moves of the
// last 12 months; a child never in care has none.
func TestPlacementsTimeline(t *testing.T) {
	d := func(y int, m time.Month, day int) civil.Date { return civil.MustNew(y, m, day) }
	ep := func(id journey.ID, start, end civil.Date, place, reasonNew, change, postcode string) journey.Record {
		return journey.Record{ID: id, Kind: journey.KindCareEpisode, Start: start, End: end,
			CareEpisode: &care.Episode{LegalStatus: "C2", Placement: place, Provider: "PR1", ReasonNew: reasonNew, ReasonPlaceChange: change, Postcode: postcode}}
	}
	recs := []journey.Record{
		ep(1, d(2025, time.January, 6), d(2025, time.March, 1), "U6", "S", "", "WV1 1AA"),
		ep(2, d(2025, time.March, 1), d(2025, time.August, 1), "U4", "P", "CHILD", ""),
		ep(3, d(2025, time.August, 1), civil.Date{}, "K2", "P", "", ""),
	}
	today := d(2026, time.June, 15)
	v := placementsOf(app.JourneyPage{Records: recs, CanRecord: true, CanRecordCare: true}, today)
	if v == nil || len(v.Rows) != 3 {
		t.Fatalf("placements %+v", v)
	}
	if r := v.Rows[0]; r.Type != "Children's home" || r.To != "" || r.Reason != "Not recorded" || r.Postcode != "Not shown" {
		t.Errorf("newest %+v", r)
	}
	if r := v.Rows[1]; r.Reason != "The child asked for it to end" || r.To != "1 August 2025" {
		t.Errorf("middle %+v", r)
	}
	if r := v.Rows[2]; r.Reason != "Start of a period of care" || r.Postcode != "WV1 1AA" || r.Provider != "The council's own provision" {
		t.Errorf("oldest %+v", r)
	}
	if v.Moves != "1 move of placement in the last 12 months" || !v.CanMove {
		t.Errorf("moves %q, can move %v", v.Moves, v.CanMove)
	}
	if v := placementsOf(app.JourneyPage{Records: recs}, d(2025, time.December, 1)); v.Moves != "2 moves of placement in the last 12 months" || v.CanMove {
		t.Errorf("a reader: moves %q, can move %v", v.Moves, v.CanMove)
	}
	if got := movesIn12Months(0); got != "0 moves of placement in the last 12 months" {
		t.Error(got)
	}
	if v := placementsOf(app.JourneyPage{}, today); v != nil {
		t.Errorf("a child never in care has placements %+v", v)
	}
}

// TestMoveOf: the move's form read into a move, and what it cannot hold
// or did not answer, each named by its input.
func TestMoveOf(t *testing.T) {
	good := func() url.Values {
		return url.Values{"episode": {"7"}, "version": {"2"}, "date-day": {"15"}, "date-month": {"6"}, "date-year": {"2026"},
			"placement": {"U4"}, "provider": {"PR4"}, "postcode": {" WV2 2BB "}, "urn": {"SC1"}, "household": {"12"},
			"same_carers": {"yes"}, "reason": {"CARPL"}, "legal_change": {"yes"}, "legal_status": {"E1"}}
	}
	m, bad := moveOf(good())
	want := app.PlacementMove{Episode: 7, Version: 2, Date: civil.MustNew(2026, time.June, 15), Placement: "U4", Provider: "PR4", Postcode: "WV2 2BB",
		URN: "SC1", Household: 12, SameCarers: true, Reason: "CARPL", LegalStatus: "E1"}
	if len(bad) > 0 || m != want {
		t.Fatalf("got %+v, %v", m, bad)
	}
	v := good()
	v.Set("legal_change", "no") // the status chosen before "no" is not a change
	if m, _ := moveOf(v); m.LegalStatus != "" {
		t.Errorf("legal status %q after no", m.LegalStatus)
	}
	for _, tc := range []struct {
		name, input, value, field string
	}{
		{"no date", "date-day", "", "date"},
		{"not a date", "date-day", "31", "date"},
		{"no placement", "placement", "", "placement"},
		{"a household that is not a number", "household", "twelve", "household"},
		{"carers not answered", "same_carers", "", "same_carers"},
		{"no reason", "reason", "", "reason"},
		{"legal status not answered", "legal_change", "", "legal_change"},
		{"a change without the status", "legal_status", "", "legal_status"},
	} {
		v := good()
		v.Set(tc.input, tc.value)
		if tc.name == "no date" {
			v.Del("date-month")
			v.Del("date-year")
		}
		if tc.name == "not a date" {
			v.Set("date-month", "2")
		}
		if _, bad := moveOf(v); len(bad) != 1 || bad[0].Field != tc.field {
			t.Errorf("%s: errors %v, want one on %s", tc.name, bad, tc.field)
		}
	}
}

// TestPlacementPagesRender: the journey page of a child in care draws the
// placements with the move link and a care status's tag, and the move
// page draws its errors at their inputs and keeps what was typed.
func TestPlacementPagesRender(t *testing.T) {
	s := newTestServer(t)
	person := people.Person{ID: 5, GivenName: "Maya", FamilyName: "Osei"}
	cur := journey.Record{ID: 9, Version: 2, Kind: journey.KindCareEpisode, Start: civil.MustNew(2026, time.January, 5),
		CareEpisode: &care.Episode{LegalStatus: "C2", Placement: "U6", Provider: "PR1", ReasonNew: "S"}}
	jp := app.JourneyPage{Person: person, Records: []journey.Record{cur}, Status: "looked_after", CanRecord: true, CanRecordCare: true}
	p := journeyView{JourneyPage: jp, Placements: placementsOf(jp, civil.MustNew(2026, time.June, 15))}
	w := httptest.NewRecorder()
	if err := s.render(w, 200, "journey", p); err != nil {
		t.Fatal(err)
	}
	body := w.Body.String()
	for _, want := range []string{`href="/people/5/placement-move"`, "Placements, newest first", "Foster care with other carers: not long term",
		"0 moves of placement in the last 12 months", "Not shown", "govuk-tag--purple"} {
		if !strings.Contains(body, want) {
			t.Errorf("the journey page has no %q", want)
		}
	}

	mv := &moveView{Person: person, Current: cur, Since: cur.Start.Format(), Episode: "9", Version: "2", Placement: "K2", Postcode: "WV2 2BB",
		SameCarers: "no", LegalChanges: "yes", Placements: care.PlacementTypes, Providers: care.Providers, Reasons: care.PlaceChangeReasons, LegalStatuses: care.LegalStatuses}
	mv.F = newForm(&mv.Page)
	mv.Errors = errs.Fields{{Field: "date", Message: "Enter the date of the move"}, {Field: "legal_status", Message: "Choose the new legal status"}}
	w = httptest.NewRecorder()
	if err := s.render(w, 422, "placement-move", mv); err != nil {
		t.Fatal(err)
	}
	body = w.Body.String()
	for _, want := range []string{`href="#date-day"`, `id="date-day-error"`, `href="#legal_status"`, `id="legal_status-error"`,
		`<option value="K2" selected>`, `value="WV2 2BB"`, `id="same_carers-no" name="same_carers" type="radio" value="no" checked`,
		`name="version" value="2"`, "Full care order"} {
		if !strings.Contains(body, want) {
			t.Errorf("the move page has no %q", want)
		}
	}
}

// BenchmarkPlacementTimeline draws the journey page of a child with 40
// episodes of care (20 placements, each with a change of legal status),
// from the records as the app gives them.
func BenchmarkPlacementTimeline(b *testing.B) {
	s := newTestServer(b)
	day := civil.MustNew(2020, time.January, 6)
	var recs []journey.Record
	for i := range 40 {
		reason := []string{"P", "L"}[i%2]
		if i == 0 {
			reason = "S"
		}
		r := journey.Record{ID: journey.ID(i + 1), Kind: journey.KindCareEpisode, Start: day, End: day.AddDays(30),
			CareEpisode: &care.Episode{LegalStatus: "C2", Placement: "U6", Provider: "PR1", Postcode: "WV1 1AA", ReasonNew: reason, ReasonPlaceChange: "CARPL"}}
		if i == 39 {
			r.End = civil.Date{}
		} else {
			r.CareEpisode.ReasonCeased = "X1"
		}
		recs = append(recs, r)
		day = day.AddDays(30)
	}
	jp := app.JourneyPage{Person: people.Person{ID: 5, GivenName: "Maya", FamilyName: "Osei"}, Records: recs, CanRecord: true, CanRecordCare: true}
	today := civil.MustNew(2026, time.June, 15)
	for b.Loop() {
		p := journeyView{JourneyPage: jp, Placements: placementsOf(jp, today)}
		if err := s.render(httptest.NewRecorder(), 200, "journey", p); err != nil {
			b.Fatal(err)
		}
	}
}
