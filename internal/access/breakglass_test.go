package access

import (
	"testing"
	"time"

	"hearth/internal/civil"
)

func TestBreakGlassSwitchedOff(t *testing.T) {
	unrelated := subject(false, []Grant{opened(now.Add(-time.Hour), now.Add(time.Hour))},
		inv(KindEarlyHelp, otherTeam, someone, civil.Date{}))
	restricted := subject(true, nil)
	cases := []struct {
		name string
		on   bool
		a    Action
		s    *Subject
		want Decision
	}{
		{"on: may break the glass", true, BreakGlass, unrelated, Decision{Allowed: true, Reason: ReasonBreakGlass}},
		{"on: an opening reads", true, ReadPerson, unrelated, Decision{Allowed: true, Reason: ReasonBreakGlass}},
		{"on: restricted still needs a grant", true, BreakGlass, restricted, Decision{Reason: ReasonRestricted}},
		{"off: may not break the glass", false, BreakGlass, unrelated, Decision{Reason: ReasonBreakGlassOff}},
		{"off: an opening already made reads nothing", false, ReadPerson, unrelated, Decision{Reason: ReasonNoRelationship}},
		{"off: restricted", false, BreakGlass, restricted, Decision{Reason: ReasonRestricted}},
	}
	for _, c := range cases {
		for _, r := range []Role{Practitioner, TeamManager, MASH} {
			p := principal(r)
			p.BreakGlass = c.on
			if got := verdict(Authorize(p, c.a, c.s, now)); got != c.want {
				t.Errorf("%s / %s: got %+v, want %+v", c.name, r, got, c.want)
			}
			if c.a == BreakGlass && Can(p, BreakGlass) != c.on {
				t.Errorf("%s / %s: Can = %v", c.name, r, !c.on)
			}
		}
	}
}

func TestBreakGlassOpensNoRelatives(t *testing.T) {
	// A relative opened by breaking the glass does not open the family: each
	// record needs its own reason.
	s := subject(false, nil)
	s.Relatives = []Subject{relative(mother, false, []Grant{{UserID: me, GrantedBy: me, From: now.Add(-time.Hour), Until: now.Add(time.Hour)}})}
	if got := verdict(Authorize(principal(Practitioner), ReadPerson, s, now)); got != (Decision{Reason: ReasonNoRelationship}) {
		t.Errorf("got %+v", got)
	}
}

func TestBreakGlassComesLast(t *testing.T) {
	// A user who has a relationship is logged with it, not with the glass.
	s := subject(false, []Grant{opened(now.Add(-time.Hour), now.Add(time.Hour))}, inv(KindChildInNeed, myTeam, 0, civil.Date{}))
	if got := Authorize(principal(Practitioner), ReadPerson, s, now); got.Reason != ReasonTeam {
		t.Errorf("got %+v", got)
	}
	s = subject(false, []Grant{opened(now.Add(-time.Hour), now.Add(time.Hour))})
	s.Relatives = []Subject{relative(mother, false, nil, inv(KindChildInNeed, myTeam, 0, civil.Date{}))}
	if got := Authorize(principal(Practitioner), ReadPerson, s, now); got.Reason != ReasonFamily+ReasonTeam {
		t.Errorf("family: got %+v", got)
	}
}

func TestOpeningLastsToMidnightInLondon(t *testing.T) {
	cases := []struct {
		at, want time.Time
	}{
		// 10:00 BST (09:00 UTC) lasts to midnight BST, 23:00 UTC.
		{time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC), time.Date(2026, time.June, 15, 23, 0, 0, 0, time.UTC)},
		// 00:30 BST on 15 June (23:30 UTC on the 14th) is already 15 June.
		{time.Date(2026, time.June, 14, 23, 30, 0, 0, time.UTC), time.Date(2026, time.June, 15, 23, 0, 0, 0, time.UTC)},
		// In winter London is UTC.
		{time.Date(2026, time.January, 15, 23, 59, 0, 0, time.UTC), time.Date(2026, time.January, 16, 0, 0, 0, 0, time.UTC)},
		// The night the clocks go back (25 October 2026) is 25 hours long.
		{time.Date(2026, time.October, 24, 23, 30, 0, 0, time.UTC), time.Date(2026, time.October, 26, 0, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		if got := OpeningUntil(c.at); !got.Equal(c.want) {
			t.Errorf("OpeningUntil(%v) = %v, want %v", c.at, got.UTC(), c.want)
		}
	}
	g := Opening(child, me, "at the front door", now)
	if g.UserID != me || g.GrantedBy != me || g.PersonID != child || !g.From.Equal(now) || !g.Until.Equal(OpeningUntil(now)) || g.Reason != "at the front door" {
		t.Errorf("Opening = %+v", g)
	}
	s := subject(false, []Grant{g})
	if got := Authorize(principal(Practitioner), ReadPerson, s, g.Until.Add(-time.Nanosecond)); got.Reason != ReasonBreakGlass {
		t.Errorf("just before midnight: %+v", got)
	}
	if got := Authorize(principal(Practitioner), ReadPerson, s, g.Until); got.Allowed {
		t.Errorf("at midnight: %+v", got)
	}
}
