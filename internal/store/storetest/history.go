package storetest

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// testImportHistory: people held are found by LA child id or UPN with
// their count of records; new people and records, some of them of a
// person already held, are written together with their real ids; a bad
// reference writes none of them.
func testImportHistory(t *testing.T, s store.Store) {
	ctx := t.Context()
	c := store.Change{At: at(2024, time.June, 3, 9, 0, 0, 0), Reason: "Imported from past statutory returns"}
	held := child("Held", "Child", day(2015, 5, 5))
	held.Identifiers = people.Identifiers{LAChildID: "LA1", UPN: "A123456789012"}
	h := mustCreate(t, s, held, c)

	m, err := s.HistoryMatches(ctx, []string{"la1", "NOPE"}, []string{"a123 4567 89012"})
	ok(t, err)
	if m.ByLAChildID["LA1"] != h.ID || m.ByUPN["A123456789012"] != h.ID || len(m.ByLAChildID) != 1 || m.Records[h.ID] != 0 {
		t.Fatalf("matches %+v", m)
	}

	fresh := child("Not known", "LA2", day(2016, 6, 6))
	fresh.Identifiers.LAChildID = "LA2"
	ref := journey.Record{ID: 1, PersonID: -1, Kind: journey.KindReferral, Start: day(2022, 9, 1), Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}}
	asmt := journey.Record{ID: 2, PersonID: -1, Kind: journey.KindAssessment, Episode: 1, Start: day(2022, 9, 2), Assessment: &journey.Assessment{}}
	mine := journey.Record{ID: 3, PersonID: h.ID, Kind: journey.KindReferral, Start: day(2021, 1, 4), Referral: &journey.Referral{Source: "5A", PrimaryNeed: "N2"}}

	// A reference to no record of the import: nothing at all is written.
	bad := asmt
	bad.Episode = 9
	_, _, err = s.ImportHistory(ctx, []people.Person{fresh}, []journey.Record{ref, bad, mine}, c)
	if !errs.Is(err, errs.Invalid) {
		t.Fatalf("a bad reference: %v", err)
	}
	if n, err := s.CountPeople(ctx); err != nil || n != 1 {
		t.Fatalf("%d people after a refused import (%v)", n, err)
	}

	ids, recs, err := s.ImportHistory(ctx, []people.Person{fresh}, []journey.Record{ref, asmt, mine}, c)
	ok(t, err)
	if len(ids) != 1 || len(recs) != 3 || recs[0].PersonID != ids[0] || recs[1].Episode != recs[0].ID || recs[2].PersonID != h.ID {
		t.Fatalf("imported %v %+v", ids, recs)
	}
	sys := func(id people.ID) access.Permit {
		return access.Authorize(access.Principal{User: access.User{Roles: []access.Role{access.Analyst}}}, access.ReadPerson, &access.Subject{PersonID: id}, time.Now()).Permit
	}
	p, err := s.Person(ctx, sys(ids[0]), time.Time{})
	ok(t, err)
	if p.Identifiers.LAChildID != "LA2" || p.Version != 1 {
		t.Errorf("the new person %+v", p)
	}
	rs, err := s.JourneyRecords(ctx, sys(ids[0]), time.Time{})
	ok(t, err)
	if len(rs) != 2 || rs[1].Episode != rs[0].ID {
		t.Errorf("their records %+v", rs)
	}
	m, err = s.HistoryMatches(ctx, []string{"LA1", "LA2"}, nil)
	ok(t, err)
	if m.Records[h.ID] != 1 || m.Records[ids[0]] != 2 {
		t.Errorf("records counted %+v", m.Records)
	}
	// Identifiers held already are refused by name, and nothing written.
	again := fresh
	_, _, err = s.ImportHistory(ctx, []people.Person{again}, nil, c)
	if !errs.Is(err, errs.Conflict) {
		t.Errorf("an LA child id held already: %v", err)
	}
}
