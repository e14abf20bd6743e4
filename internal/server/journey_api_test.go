package server

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The request builders and checks of the journey API's rows in routeRules.

// apiJourneyPath is the API's path of one of a child's journey records.
func apiJourneyPath(pid people.ID, id journey.ID) string {
	return "/api/v1" + idPath(pid) + "/journey/" + str(id)
}

// apiJourneyRecord writes a journey record for the child straight to the
// store, as the administrator, for a request to read, change or decide.
func (e *env) apiJourneyRecord(r journey.Record) journey.Record {
	e.t.Helper()
	got, err := e.st.CreateJourneyRecord(context.Background(), r, store.Change{By: e.users[access.Admin].ID, At: time.Now().UTC(), Reason: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}

// apiJourneyNote is a new case note on the child's journey.
func (e *env) apiJourneyNote(pid people.ID) journey.Record {
	return e.apiJourneyRecord(journey.Record{PersonID: pid, Kind: journey.KindNote, Start: civil.MustNew(2025, time.January, 6),
		Note: &journey.Note{Title: "Note " + serial(), Text: "School rang about attendance"}})
}

// apiJourneyContact is a new contact on the child's journey, received an
// hour ago by the test team and not yet decided.
func (e *env) apiJourneyContact(pid people.ID) journey.Record {
	at := time.Now().Add(-time.Hour).UTC()
	return e.apiJourneyRecord(journey.Record{PersonID: pid, Kind: journey.KindContact, Start: civil.OfLondon(at), TeamID: e.team.ID,
		Contact: &journey.Contact{ReceivedAt: at, Source: "2A", Summary: "Worries about attendance"}})
}

// apiJourneyRecords are the child's journey records as they stand.
func (e *env) apiJourneyRecords(pid people.ID) []journey.Record {
	e.t.Helper()
	rs, err := e.st.JourneyRecords(context.Background(), sysPermit(pid), time.Time{})
	if err != nil {
		e.t.Fatal(err)
	}
	return rs
}

// apiJourneyFind is the child's journey record that satisfies ok.
func (e *env) apiJourneyFind(pid people.ID, what string, ok func(journey.Record) bool) (journey.Record, error) {
	for _, r := range e.apiJourneyRecords(pid) {
		if ok(r) {
			return r, nil
		}
	}
	return journey.Record{}, fmt.Errorf("the child has no %s", what)
}

// apiNoteRecorded checks that the note the request sent is now on the
// child's journey, at version 1.
func apiNoteRecorded(e *env, _ *browser, _ access.Role, c call, res response) error {
	var sent struct{ Note journey.Note }
	if err := json.Unmarshal([]byte(c.body), &sent); err != nil {
		return err
	}
	_, err := e.apiJourneyFind(e.child, "note titled "+sent.Note.Title, func(r journey.Record) bool {
		return r.Note != nil && r.Note.Title == sent.Note.Title && r.Version == 1
	})
	return err
}

// apiNoteChanged checks that the note the request changed now has the title
// it sent, at version 2.
func apiNoteChanged(e *env, _ *browser, _ access.Role, c call, res response) error {
	var sent struct{ Record journey.Record }
	if err := json.Unmarshal([]byte(c.body), &sent); err != nil {
		return err
	}
	_, err := e.apiJourneyFind(e.child, "note changed", func(r journey.Record) bool {
		return r.ID == sent.Record.ID && r.Note.Title == sent.Record.Note.Title && r.Version == 2
	})
	return err
}

// apiContactDecided checks that the contact named in the path was decided
// today, with the decision the request sent.
func apiContactDecided(e *env, _ *browser, _ access.Role, c call, res response) error {
	var sent struct{ Decision string }
	if err := json.Unmarshal([]byte(c.body), &sent); err != nil {
		return err
	}
	var got struct{ Contact journey.Record }
	if err := json.Unmarshal([]byte(res.body), &got); err != nil {
		return err
	}
	_, err := e.apiJourneyFind(e.child, "contact decided", func(r journey.Record) bool {
		return r.ID == got.Contact.ID && r.Contact.Decision == sent.Decision && r.End == civil.OfLondon(time.Now()) && r.Version == 2
	})
	return err
}

// apiAllocated checks that the child's open allocation is the one the
// request made.
func apiAllocated(e *env, _ *browser, _ access.Role, c call, res response) error {
	var sent struct {
		WorkerID access.UserID `json:"worker_id"`
		Reason   string
	}
	if err := json.Unmarshal([]byte(c.body), &sent); err != nil {
		return err
	}
	_, err := e.apiJourneyFind(e.child, "open allocation to the worker", func(r journey.Record) bool {
		return r.Kind == journey.KindAllocation && r.End.IsZero() && r.WorkerID == sent.WorkerID && r.Allocation.Reason == sent.Reason
	})
	return err
}
