package storetest

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// Referrals of children missing education (cme.go).

func cmeReferral(ref string, received time.Time) education.CMEReferral {
	return education.CMEReferral{
		Reference: ref, ChildGivenName: "Ayla", ChildFamilyName: "Stone", Address: "4 Mill Lane",
		Concern: "Not seen at school since Easter <script>alert(1)</script>", ReferrerName: "Sam Reed", ReferrerType: "public",
		Phone: "01632 960 001", Received: received, FilledIn: 90 * time.Second, Status: education.ReferralNew,
	}
}

// testCMEReferrals: a referral sent by no user is kept as version 1 and
// read back as typed; matching and closing are new versions with their
// reasons, checked against the version they started from; the queue lists
// those not closed, oldest first; a reference is never given twice.
func testCMEReferrals(t *testing.T, s store.Store) {
	ctx := t.Context()
	officer := mustUser(t, s, "Olu Officer")
	child := mustCreate(t, s, samplePerson(), store.Change{By: officer.ID, Reason: "new"})

	first, err := s.CreateCMEReferral(ctx, cmeReferral("CME-AAAA1111", at(2025, time.May, 2, 10, 0, 0, 0)), store.Change{At: at(2025, time.May, 2, 10, 0, 0, 0), Reason: "sent through the online form"})
	ok(t, err)
	equal(t, "first version", first.Version, 1)
	second, err := s.CreateCMEReferral(ctx, cmeReferral("CME-BBBB2222", at(2025, time.May, 1, 9, 0, 0, 0)), store.Change{At: at(2025, time.May, 1, 9, 0, 0, 0), Reason: "sent through the online form"})
	ok(t, err)
	_, err = s.CreateCMEReferral(ctx, cmeReferral("CME-AAAA1111", at(2025, time.May, 3, 9, 0, 0, 0)), store.Change{Reason: "again"})
	wantField(t, wantCode(t, err, errs.Conflict), "reference")

	got, err := s.CMEReferral(ctx, first.ID)
	ok(t, err)
	equal(t, "concern as typed", got.Concern, first.Concern)
	sameTime(t, "received", got.Received, first.Received)
	equal(t, "filled in", got.FilledIn, 90*time.Second)
	_, err = s.CMEReferral(ctx, first.ID+100)
	wantCode(t, err, errs.NotFound)

	q, err := s.OpenCMEReferrals(ctx)
	ok(t, err)
	equal(t, "queue", len(q), 2)
	equal(t, "oldest first", q[0].ID, second.ID)

	matched := got
	matched.Status, matched.PersonID = education.ReferralMatched, child.ID
	matched, err = s.UpdateCMEReferral(ctx, matched, store.Change{By: officer.ID, At: at(2025, time.May, 3, 9, 0, 0, 0), Reason: "found on the register"})
	ok(t, err)
	equal(t, "matched version", matched.Version, 2)
	_, err = s.UpdateCMEReferral(ctx, got, store.Change{By: officer.ID, Reason: "stale"})
	wantCode(t, err, errs.Conflict)

	closed := matched
	closed.Status, closed.CloseReason = education.ReferralClosed, "enquiry"
	_, err = s.UpdateCMEReferral(ctx, closed, store.Change{By: officer.ID, At: at(2025, time.May, 4, 9, 0, 0, 0), Reason: "enquiry opened"})
	ok(t, err)
	q, err = s.OpenCMEReferrals(ctx)
	ok(t, err)
	equal(t, "queue after closing", len(q), 1)
	equal(t, "left", q[0].ID, second.ID)

	h, err := s.CMEReferralHistory(ctx, first.ID)
	ok(t, err)
	equal(t, "versions", len(h), 3)
	equal(t, "sent by no user", h[0].By, access.UserID(0))
	equal(t, "matched by", h[1].ByName, "Olu Officer")
	equal(t, "to", h[1].Record.PersonID, child.ID)
	equal(t, "closed why", h[2].Reason, "enquiry opened")
	equal(t, "closed status", h[2].Record.Status, education.ReferralClosed)
	_, err = s.CMEReferralHistory(ctx, first.ID+100)
	wantCode(t, err, errs.NotFound)
}

// testCMETeam: the CME team is a setting apart from the hub's.
func testCMETeam(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")
	cme, err := s.CreateTeam(ctx, access.Team{Name: "Children Missing Education"})
	ok(t, err)
	team, v, err := s.CMETeam(ctx)
	ok(t, err)
	equal(t, "never named", team, access.TeamID(0))
	equal(t, "version", v, 0)
	_, err = s.SetCMETeam(ctx, cme.ID, 1, store.Change{By: admin.ID, Reason: "stale"})
	wantCode(t, err, errs.Conflict)
	v, err = s.SetCMETeam(ctx, cme.ID, 0, store.Change{By: admin.ID, Reason: "the CME team"})
	ok(t, err)
	equal(t, "first version", v, 1)
	team, _, err = s.CMETeam(ctx)
	ok(t, err)
	equal(t, "named", team, cme.ID)
	hub, _, err := s.HubTeam(ctx)
	ok(t, err)
	equal(t, "hub untouched", hub, access.TeamID(0))
	h, err := s.CMETeamHistory(ctx)
	ok(t, err)
	equal(t, "history", len(h), 1)
	equal(t, "why", h[0].Reason, "the CME team")
}
