package storetest

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// testClaims: a claim is created for a child, changed as a new version,
// refused when stale or moved to another child, read through the child's
// permit (and not through another's), listed by year for permitted children
// and in bulk, and its write marks its access-log line with the child.
func testClaims(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Clara Claims")
	ann := mustCreate(t, s, child("Ann", "Family", day(2012, 5, 1)), store.Change{By: u.ID})
	bob := mustCreate(t, s, child("Bob", "Other", day(2014, 6, 2)), store.Change{By: u.ID})
	t1 := at(2023, time.January, 10, 9, 0, 0, 0)
	c := func(at time.Time, why string) store.Change { return store.Change{By: u.ID, At: at, Reason: why} }
	permit := func(id people.ID) access.Permit { return access.System(id, access.ReadPerson, "store test") }
	window := func(y int) programme.Window {
		return programme.Window{Opens: day(y, 1, 1), Closes: day(y, 3, 31)}
	}

	a1, err := s.CreateClaim(ctx, programme.Claim{Person: ann.ID, Family: "SF-0001", Window: window(2023), Problems: []string{"education"},
		Status: programme.ClaimDraft}, c(t1, "family made progress"))
	ok(t, err)
	if a1.ID <= 0 || a1.Version != 1 {
		t.Fatalf("created %+v", a1)
	}
	checked := a1
	checked.Status, checked.Evidence = programme.ClaimChecked, "Attendance above 90% for three terms"
	a2, err := s.UpdateClaim(ctx, checked, c(t1.Add(time.Hour), "evidence checked"))
	ok(t, err)
	equal(t, "claim version", a2.Version, 2)
	stale := a1
	stale.Evidence = "stale"
	_, err = s.UpdateClaim(ctx, stale, c(t1.Add(2*time.Hour), "stale"))
	wantCode(t, err, errs.Conflict)
	moved := a2
	moved.Person = bob.ID
	e := wantCode(t, func() error { _, err := s.UpdateClaim(ctx, moved, c(t1, "elsewhere")); return err }(), errs.Invalid)
	wantField(t, e, "person")
	_, err = s.CreateClaim(ctx, programme.Claim{Person: bob.ID + 1000, Family: "SF-X", Window: window(2023), Status: programme.ClaimDraft}, c(t1, "no child"))
	wantCode(t, err, errs.Invalid)

	// A family is claimed for once in a window, whichever child the claim
	// names; a rejected claim leaves the window free.
	e = wantCode(t, func() error {
		_, err := s.CreateClaim(ctx, programme.Claim{Person: bob.ID, Family: "SF-0001", Window: window(2023), Status: programme.ClaimDraft}, c(t1, "twice"))
		return err
	}(), errs.Conflict)
	wantField(t, e, "family")

	// Claims of two years and two children; the year runs April to March.
	a3, err := s.CreateClaim(ctx, programme.Claim{Person: ann.ID, Family: "SF-0001", Window: programme.Window{Opens: day(2023, 4, 1), Closes: day(2023, 4, 1)},
		Problems: []string{"education"}, Status: programme.ClaimDraft}, c(t1, "next year"))
	ok(t, err)
	b1, err := s.CreateClaim(ctx, programme.Claim{Person: bob.ID, Family: "SF-0002", Window: programme.Window{Opens: day(2022, 4, 1), Closes: day(2022, 4, 1)},
		Problems: []string{"crime"}, Status: programme.ClaimDraft}, c(t1, "first day of the year"))
	ok(t, err)

	got, err := s.Claims(ctx, permit(ann.ID))
	ok(t, err)
	equal(t, "Ann's claims", got, []programme.Claim{a2, a3})
	got, err = s.Claims(ctx, permit(bob.ID))
	ok(t, err)
	equal(t, "Bob's claims", got, []programme.Claim{b1})
	_, err = s.Claims(ctx, access.Permit{})
	wantCode(t, err, errs.Internal)

	hist, err := s.ClaimHistory(ctx, permit(ann.ID), a1.ID)
	ok(t, err)
	equal(t, "claim versions", len(hist), 2)
	equal(t, "first version", hist[0].Record, a1)
	equal(t, "second reason", hist[1].Reason, "evidence checked")
	_, err = s.ClaimHistory(ctx, permit(bob.ID), a1.ID)
	wantCode(t, err, errs.NotFound)

	y := programme.Year(2022)
	claimants := func(y programme.Year) []people.ID {
		t.Helper()
		got, err := s.Claimants(ctx, y)
		ok(t, err)
		ids := []people.ID{}
		for _, p := range got {
			ids = append(ids, p.ID)
		}
		return ids
	}
	equal(t, "claimants of 2022-23", claimants(y), []people.ID{ann.ID, bob.ID})
	equal(t, "claimants of 2023-24", claimants(y+1), []people.ID{ann.ID})
	equal(t, "claimants of 2021-22", claimants(y-1), []people.ID{})
	named, err := s.Claimants(ctx, y+1)
	ok(t, err)
	equal(t, "a claimant's name", named[0].GivenName+" "+named[0].FamilyName, "Ann Family")

	of, err := s.ClaimsOf(ctx, []access.Permit{permit(bob.ID)}, y)
	ok(t, err)
	equal(t, "Bob's claims of 2022-23", of, []programme.Claim{b1})
	of, err = s.ClaimsOf(ctx, []access.Permit{permit(ann.ID), permit(bob.ID), permit(ann.ID)}, y)
	ok(t, err)
	equal(t, "both children's claims of 2022-23", of, []programme.Claim{b1, a2})
	_, err = s.ClaimsOf(ctx, []access.Permit{{}}, y)
	wantCode(t, err, errs.Internal)

	all, err := s.YearClaims(ctx, access.SystemBulk("store test"), y)
	ok(t, err)
	equal(t, "every claim of 2022-23", all, []programme.Claim{b1, a2})
	_, err = s.YearClaims(ctx, access.BulkPermit{}, y)
	wantCode(t, err, errs.Internal)

	// A write marks its line with the child, in its own transaction.
	line, err := s.LogPending(ctx, store.AccessEntry{UserID: u.ID, Username: u.Username, Kind: store.KindClaim, Action: store.LogCreate})
	ok(t, err)
	var made programme.Claim
	ok(t, s.Atomic(ctx, func(tx store.Tx) error {
		var err error
		made, err = tx.CreateClaim(ctx, programme.Claim{Person: bob.ID, Family: "SF-0002", Window: window(2024), Problems: []string{"crime"},
			Status: programme.ClaimDraft}, store.Change{By: u.ID, LogLine: line})
		return err
	}))
	n, err := s.SettlePending(ctx)
	ok(t, err)
	equal(t, "lines settled", n, 1)
	es, err := s.AccessLog(ctx, store.AccessQuery{UserID: u.ID, Limit: store.MaxAccessLimit})
	ok(t, err)
	found := false
	for _, e := range es {
		if e.ID == line {
			found = true
			if e.PersonID != bob.ID || e.RecordID != int64(made.ID) || e.State != store.LineDone {
				t.Errorf("the claim's line: %+v", e)
			}
		}
	}
	if !found {
		t.Fatalf("no access-log line %d", line)
	}
}
