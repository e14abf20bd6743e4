package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// TestReadInvolvementsToEnd: the person's page and the list give each
// involvement's id and version; the page that ends one reads it with its
// worker's name, only for a user who may change the record, only through
// the person it is on; its history is its own versions; each read is
// logged as a read of involvements.
func TestReadInvolvementsToEnd(t *testing.T) {
	f := newInvolvementFixture(t)
	p := f.create(t, "Listed")
	other := f.create(t, "Elsewhere")

	page, err := f.app.Person(f.ctx, f.actor, p.ID, time.Time{})
	if err != nil || len(page.Involvements) != 1 || page.Involvements[0].ID == 0 || page.Involvements[0].Version != 1 || !page.CanEdit {
		t.Fatalf("the person's page: %+v, can edit %v, %v", page.Involvements, page.CanEdit, err)
	}
	inv := page.Involvements[0]
	list, err := f.app.Involvements(f.ctx, f.actor, p.ID)
	if err != nil || len(list) != 1 || list[0] != inv {
		t.Fatalf("the list: %+v, %v; want %+v", list, err, inv)
	}

	ie, err := f.app.InvolvementToEndOn(f.ctx, f.actor, p.ID, inv.ID)
	if err != nil || ie.Involvement != inv || ie.Person.ID != p.ID || ie.Worker != "Ivy Worker" {
		t.Fatalf("the involvement to end: %+v, %v", ie, err)
	}
	if _, err := f.app.InvolvementToEndOn(f.ctx, f.actor, other.ID, inv.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("through another person's record: %v, want not found", err)
	}
	analyst := f.actor
	analyst.Principal.User.Roles = []access.Role{access.Analyst}
	if _, err := f.app.InvolvementToEndOn(f.ctx, analyst, p.ID, inv.ID); !errs.Is(err, errs.Forbidden) {
		t.Errorf("an analyst, who may read but not change: %v, want forbidden", err)
	}
	if _, err := f.app.Involvements(f.ctx, analyst, p.ID); err != nil {
		t.Errorf("an analyst reads the list: %v", err)
	}

	if _, err := f.app.EndInvolvement(f.ctx, f.actor, p.ID, inv.ID, inv.Version, f.app.Today(), "Case closed"); err != nil {
		t.Fatal(err)
	}
	h, err := f.app.InvolvementHistory(f.ctx, f.actor, p.ID, inv.ID)
	if err != nil || len(h) != 2 || h[0].Version != 1 || h[1].Version != 2 || h[1].Reason != "Case closed" || h[1].Record.EndDate.IsZero() {
		t.Fatalf("history: %+v, %v", h, err)
	}
	if _, err := f.app.InvolvementHistory(f.ctx, f.actor, other.ID, inv.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("history through another person's record: %v, want not found", err)
	}

	for _, c := range []struct {
		action store.AccessAction
		record int64
	}{{store.LogRead, 0}, {store.LogRead, int64(inv.ID)}, {store.LogHistory, int64(inv.ID)}} {
		lines, err := f.db.AccessLog(f.ctx, store.AccessQuery{PersonID: p.ID, Kind: store.KindInvolvement, Action: c.action})
		found := false
		for _, l := range lines {
			found = found || l.RecordID == c.record
		}
		if err != nil || !found {
			t.Errorf("no %s line of involvement %d: %v", c.action, c.record, err)
		}
	}
}
