package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The journey's helpers for the route table: records made through the
// store, as the system, on the test child.

// newRecord writes a journey record on the test child.
func (e *env) newRecord(r journey.Record) journey.Record {
	e.t.Helper()
	r.PersonID = e.child
	got, err := e.st.CreateJourneyRecord(context.Background(), r, store.Change{By: e.users[access.Admin].ID, At: time.Now().UTC(), Reason: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}

// newNote is a case note on the test child, written yesterday.
func (e *env) newNote() journey.Record {
	return e.newRecord(journey.Record{Kind: journey.KindNote, Start: civil.OfLondon(time.Now()).AddDays(-1),
		Note: &journey.Note{Title: "Note " + serial(), Text: "Spoke to the school"}})
}

// openContact is a contact about the test child received an hour ago and
// not yet decided, at the test team's front door.
func (e *env) openContact() journey.Record {
	at := time.Now().Add(-time.Hour).Truncate(time.Minute)
	return e.newRecord(journey.Record{Kind: journey.KindContact, Start: civil.OfLondon(at), TeamID: e.team.ID,
		Contact: &journey.Contact{ReceivedAt: at, Source: "2A", Summary: "Worried about attendance"}})
}

// journeyRecords are the test child's journey records as they stand.
func (e *env) journeyRecords() []journey.Record {
	e.t.Helper()
	rs, err := e.st.JourneyRecords(context.Background(), sysPermit(e.child), time.Time{})
	if err != nil {
		e.t.Fatal(err)
	}
	return rs
}

// journeyRecord is one of the test child's records as it stands.
func (e *env) journeyRecord(id journey.ID) (journey.Record, error) {
	for _, r := range e.journeyRecords() {
		if r.ID == id {
			return r, nil
		}
	}
	return journey.Record{}, fmt.Errorf("no journey record %d", id)
}

func recordPathOf(pid people.ID, id journey.ID) string {
	return idPathOf(pid) + "/journey/" + strconv.FormatInt(int64(id), 10)
}

// recordIn is the journey record whose id is the fourth part of a path
// (/people/{id}/journey/{rid}...).
func (e *env) recordIn(path string) (journey.Record, error) {
	parts := strings.Split(path, "/")
	n, err := strconv.ParseInt(parts[4], 10, 64)
	if err != nil {
		return journey.Record{}, err
	}
	return e.journeyRecord(journey.ID(n))
}

// dateForm sets the three boxes of a date input.
func dateForm(f url.Values, name string, d civil.Date) url.Values {
	f.Set(name+"-day", strconv.Itoa(d.Day))
	f.Set(name+"-month", strconv.Itoa(int(d.Month)))
	f.Set(name+"-year", strconv.Itoa(d.Year))
	return f
}

// noteForm is the journey form of a case note.
func noteForm(title string, version int) url.Values {
	f := url.Values{"kind": {"note"}, "note.title": {title}, "note.text": {"Spoke to the school"}}
	if version > 0 {
		f.Set("version", strconv.Itoa(version))
	}
	return dateForm(f, "start", civil.OfLondon(time.Now()).AddDays(-1))
}

// noteTitled checks that the test child has a note with the title the form
// sent, at the version wanted.
func noteTitled(version int) func(*env, *browser, access.Role, call, response) error {
	return func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		for _, r := range e.journeyRecords() {
			if r.Kind == journey.KindNote && r.Note.Title == c.form.Get("note.title") && r.Version == version {
				return nil
			}
		}
		return fmt.Errorf("no note titled %q at version %d", c.form.Get("note.title"), version)
	}
}

// TestJourneyChangeConflict: a change saved from a version someone else has
// changed since is refused with 409, shows the record as it now stands and
// keeps what the user typed, to save again over it.
func TestJourneyChangeConflict(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	note := e.newNote()
	path := recordPathOf(e.child, note.ID) + "/edit/confirm"
	first := noteForm("First "+serial(), 1)
	first.Set("action", "save")
	first.Set("reason", "first change")
	if res := b.post(path, first); res.status != http.StatusSeeOther {
		t.Fatalf("first change: status %d: %.300s", res.status, res.body)
	}
	mine := noteForm("Mine "+serial(), 1)
	mine.Set("action", "save")
	mine.Set("reason", "my change")
	res := b.post(path, mine)
	if res.status != http.StatusConflict {
		t.Fatalf("stale change: status %d, want 409: %.300s", res.status, res.body)
	}
	for _, want := range []string{
		"Someone else saved a change to this record",
		`name="note.title" value="` + mine.Get("note.title") + `"`, // what was typed, kept
		first.Get("note.title"),                                    // the record as it stands
		`name="version" value="2"`,                                 // to save over it, having seen it
		"my change",
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the conflict page lacks %q", want)
		}
	}
	mine.Set("version", "2")
	if res := b.post(path, mine); res.status != http.StatusSeeOther {
		t.Fatalf("saving again: status %d: %.300s", res.status, res.body)
	}
	if r, _ := e.journeyRecord(note.ID); r.Note.Title != mine.Get("note.title") || r.Version != 3 {
		t.Errorf("after saving again: %q at version %d", r.Note.Title, r.Version)
	}
}

// TestJourneyFormErrors: the app's errors reach the inputs that caused them,
// each once, with what was typed kept.
func TestJourneyFormErrors(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	today := civil.OfLondon(time.Now())
	for _, tc := range []struct {
		name string
		form url.Values
		want []string // error summary links
	}{
		{"contact without a source or time", dateForm(url.Values{"kind": {"contact"}}, "contact.received_at", today),
			[]string{`href="#contact.received_at-day"`, `href="#contact.source"`}},
		{"assessment with an unknown factor, and factors but no end", dateForm(url.Values{"kind": {"assessment"}, "assessment.factors": {"1A", "99", "98"}}, "start", today),
			[]string{`href="#assessment.factors"`, `href="#end-day"`}},
		{"assessment outside a referral", dateForm(url.Values{"kind": {"assessment"}}, "start", today),
			[]string{`href="#episode"`}},
		{"visit seen alone but not seen", dateForm(url.Values{"kind": {"visit"}, "visit.seen": {"no"}, "visit.seen_alone": {"yes"}}, "start", today),
			[]string{`href="#visit.seen_alone"`}},
		{"note on a day that is not a date", url.Values{"kind": {"note"}, "note.title": {"Call"}, "note.text": {"Rang"}, "start-day": {"31"}, "start-month": {"2"}, "start-year": {"2026"}},
			[]string{`href="#start-day"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := b.post(idPathOf(e.child)+"/journey/new", tc.form)
			if res.status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422: %.300s", res.status, res.body)
			}
			if got := strings.Count(res.body, `<li><a href="#`); got != len(tc.want) {
				t.Errorf("%d errors, want %d: %.2000s", got, len(tc.want), res.body)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.body, w) {
					t.Errorf("no error links to %s", w)
				}
			}
		})
	}
}
