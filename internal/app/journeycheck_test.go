package app_test

import (
	"slices"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestCheckJourneyJudgesAsTheSaveDoes: the check refuses what the save
// refuses, with the same fields, accepts what it accepts, and writes
// nothing either way.
func TestCheckJourneyJudgesAsTheSaveDoes(t *testing.T) {
	w := newWorld(t)
	child := w.person("Amira", "Khan", false)
	w.involve(child, access.KindContact, civil.Date{})
	pr := w.actor(access.Practitioner)
	today := civil.MustNew(2026, time.June, 15)
	for _, tc := range []struct {
		name  string
		r     journey.Record
		field string // "" when it may be saved
	}{
		{"a visit today", journey.Record{Kind: journey.KindVisit, Start: today, Visit: &journey.Visit{Seen: true}}, ""},
		{"a visit tomorrow", journey.Record{Kind: journey.KindVisit, Start: today.AddDays(1), Visit: &journey.Visit{Seen: true}}, "start"},
		{"seen alone, not seen", journey.Record{Kind: journey.KindVisit, Start: today, Visit: &journey.Visit{SeenAlone: true}}, "visit.seen_alone"},
		{"an assessment outside a referral", journey.Record{Kind: journey.KindAssessment, Start: today, Assessment: &journey.Assessment{}}, "episode"},
		{"a note without a title", journey.Record{Kind: journey.KindNote, Start: today, Note: &journey.Note{Text: "Rang"}}, "note.title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(w.records(child))
			checked, err := w.app.CheckJourney(w.ctx, pr, child, tc.r)
			if got := fieldOf(err); got != tc.field {
				t.Fatalf("check: field %q (%v), want %q", got, err, tc.field)
			}
			if tc.field == "" && checked.TeamID != w.team.ID && tc.r.Kind != journey.KindVisit {
				t.Errorf("check: team %d, want the user's", checked.TeamID)
			}
			if n := len(w.records(child)); n != before {
				t.Fatalf("the check wrote %d records", n-before)
			}
			_, err = w.app.RecordJourney(w.ctx, pr, child, tc.r)
			if got := fieldOf(err); got != tc.field {
				t.Errorf("save: field %q (%v), want %q as the check said", got, err, tc.field)
			}
			if tc.field == "" {
				if n := len(w.records(child)); n != before+1 {
					t.Fatalf("the save wrote %d records", n-before)
				}
			}
		})
	}
}

func TestCheckJourneyRefuses(t *testing.T) {
	w := newWorld(t)
	child := w.person("Amira", "Khan", false)
	w.involve(child, access.KindContact, civil.Date{})
	note := journey.Record{Kind: journey.KindNote, Start: civil.MustNew(2026, time.June, 1), Note: &journey.Note{Title: "Call", Text: "Rang"}}
	for _, tc := range []struct {
		name string
		role access.Role
		r    journey.Record
		code errs.Code
	}{
		{"an analyst, who reads but does not record", access.Analyst, note, errs.Forbidden},
		{"a partner", access.Partner, note, errs.Forbidden},
		{"an allocation by a practitioner", access.Practitioner, journey.Record{Kind: journey.KindAllocation, Start: note.Start, Allocation: &journey.Allocation{}}, errs.Forbidden},
		{"a change to a record not on the child's journey", access.Practitioner, func() journey.Record { r := note; r.ID = 999; return r }(), errs.NotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.app.CheckJourney(w.ctx, w.actor(tc.role), child, tc.r)
			if !errs.Is(err, tc.code) {
				t.Errorf("got %v, want %s", err, tc.code)
			}
		})
	}
}

// TestWorkers: a manager sees the active users of a team who may hold a
// case, by name; no one else may ask.
func TestWorkers(t *testing.T) {
	w := newWorld(t)
	if _, err := w.st.CreateUser(w.ctx, access.User{Username: "gone", DisplayName: "Aaron Gone", Roles: []access.Role{access.Practitioner}, TeamID: w.team.ID, Disabled: true}, "x", store.Change{Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	got, err := w.app.Workers(w.ctx, w.actor(access.TeamManager), w.team.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range got {
		names = append(names, u.DisplayName)
	}
	// newWorld names each user by their role.
	if want := []string{"mash", "practitioner", "team_manager"}; !slices.Equal(names, want) {
		t.Errorf("workers %q, want %q", names, want)
	}
	for _, role := range []access.Role{access.Practitioner, access.MASH, access.Analyst, access.Admin} {
		if _, err := w.app.Workers(w.ctx, w.actor(role), w.team.ID); !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: %v, want forbidden", role, err)
		}
	}
}

// fieldOf is the first field an error names, "" for none.
func fieldOf(err error) string {
	if e := errs.As(err); e != nil && len(e.Fields) > 0 {
		return e.Fields[0].Field
	}
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return ""
}

// records are a child's journey records as they stand.
func (w *world) records(id people.ID) []journey.Record {
	w.t.Helper()
	rs, err := w.st.JourneyRecords(w.ctx, access.System(id, access.ReadPerson, "test"), time.Time{})
	if err != nil {
		w.t.Fatal(err)
	}
	return rs
}
