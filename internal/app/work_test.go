package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/journey"
)

// TestWorkListsReadDerivedWork: the lists show the work the store derived
// when the journey changed, recomputed for every child when the timescales
// change; a list read on a day the derived status does not cover (here,
// the day before the write, as a clock set back would) takes the child's
// status from their records instead.
func TestWorkListsReadDerivedWork(t *testing.T) {
	jw := newJourneyWorld(t)
	jw.setClock(at(9, 0))
	contact := jw.record(jw.mash, journey.Record{Kind: journey.KindContact, Start: june15,
		Contact: &journey.Contact{ReceivedAt: at(8, 30), Source: "1A", Summary: "Worried neighbour"}})
	_, _, err := jw.app.DecideContact(jw.ctx, jw.mash, jw.child, contact.ID, app.ContactDecision{Version: 1, Decision: "referral", PrimaryNeed: "N1", Team: jw.team.ID})
	if err != nil {
		t.Fatal(err)
	}
	other := jw.record(jw.mash, journey.Record{Kind: journey.KindContact, Start: june15,
		Contact: &journey.Contact{ReceivedAt: at(8, 45), Source: "1A", Summary: "Second call"}})
	mgr := jw.actor(access.TeamManager)

	status := func(when string) string {
		t.Helper()
		page, err := jw.app.TeamWork(jw.ctx, mgr, jw.team.ID)
		if err != nil || len(page.Children) != 1 {
			t.Fatalf("%s: team work %+v, %v", when, page.Children, err)
		}
		return page.Children[0].Status
	}
	if got := status("on the day"); got != "assessment" {
		t.Errorf("on the day: status %q, want assessment", got)
	}
	jw.setClock(time.Date(2026, time.June, 14, 9, 0, 0, 0, civil.London))
	if got := status("the day before"); got != "none" {
		t.Errorf("the day before the records: status %q, want none (from the records)", got)
	}
	jw.setClock(time.Date(2026, time.July, 1, 9, 0, 0, 0, civil.London))
	if got := status("weeks later"); got != "assessment" {
		t.Errorf("weeks later: status %q, want assessment", got)
	}

	// A change of the timescales reaches the derived work at once.
	ts := jw.app.Timescales
	ts.ContactDecisionHours = 6
	if err := jw.app.SetTimescales(jw.ctx, jw.actor(access.Admin), ts, 0, "front door decides within 6 hours"); err != nil {
		t.Fatal(err)
	}
	q, err := jw.app.ContactQueue(jw.ctx, jw.mash)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Due) != 1 || q.Due[0].Item.Record != other.ID || !q.Due[0].Item.DueAt.Equal(at(8, 45).Add(6*time.Hour)) {
		t.Fatalf("queue = %+v, want the second contact due 6 hours after it came in", q.Due)
	}
}
