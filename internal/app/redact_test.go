package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// placed is a world with a child in care: an episode of care with the
// placement's postcode and URN, recorded by a practitioner of the team
// working with the child.
func placed(t *testing.T) (*world, people.ID, journey.Record) {
	t.Helper()
	w := newWorld(t)
	child := w.person("Tia", "Marsh", false)
	w.involve(child, access.KindChildInNeed, civil.Date{})
	ep, err := w.app.RecordJourney(w.ctx, w.actor(access.Practitioner), child, journey.Record{
		Kind: journey.KindCareEpisode, Start: civil.MustNew(2026, time.March, 2), TeamID: w.team.ID,
		CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U4", Provider: "PR1",
			Postcode: "WV3 9ZZ", URN: "SC765432", ReasonNew: "S"},
	})
	if err != nil {
		t.Fatalf("recording the episode: %v", err)
	}
	return w, child, ep
}

// TestPlacementAddressOnlyForRolesThatNeedIt reads the child's journey, the
// episode and its history as each role: practitioners and team managers
// see the placement's postcode and URN; MASH and analysts read the record
// without them; a partner cannot read it at all.
func TestPlacementAddressOnlyForRolesThatNeedIt(t *testing.T) {
	w, child, ep := placed(t)
	for _, tc := range []struct {
		role  access.Role
		sees  bool
		reads bool
	}{
		{access.Practitioner, true, true},
		{access.TeamManager, true, true},
		{access.MASH, false, true},
		{access.Analyst, false, true},
		{access.Partner, false, false},
	} {
		t.Run(string(tc.role), func(t *testing.T) {
			ac := w.actor(tc.role)
			jp, err := w.app.Journey(w.ctx, ac, child)
			if !tc.reads {
				if !errs.Is(err, errs.NotFound) && !errs.Is(err, errs.Forbidden) {
					t.Fatalf("journey: %v, want a refusal", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			rp, err := w.app.JourneyRecord(w.ctx, ac, child, ep.ID)
			if err != nil {
				t.Fatal(err)
			}
			var all []journey.Record
			all = append(all, jp.Records...)
			all = append(all, rp.Record)
			all = append(all, rp.Records...)
			for _, v := range rp.History {
				all = append(all, v.Record)
			}
			for _, r := range all {
				if r.CareEpisode == nil {
					continue
				}
				got := r.CareEpisode.Postcode != "" || r.CareEpisode.URN != ""
				if got != tc.sees {
					t.Errorf("record %d version %d: postcode %q, URN %q; want seen %v", r.ID, r.Version, r.CareEpisode.Postcode, r.CareEpisode.URN, tc.sees)
				}
			}
			// The chronology is built from the same records.
			b, _ := json.Marshal(journey.Chronology(jp.Records))
			if !tc.sees && strings.Contains(string(b), "WV3 9ZZ") {
				t.Errorf("the chronology shows the postcode: %s", b)
			}
		})
	}
}

// TestOnlyThoseWhoSeeTheAddressRecordCare: MASH, who may change the child's
// record but not see where a child in care lives, may neither change an
// episode of care nor record one (an episode gives its team lasting
// access), nor move the child; nothing is written.
func TestOnlyThoseWhoSeeTheAddressRecordCare(t *testing.T) {
	w, child, ep := placed(t)
	mash := w.actor(access.MASH)
	rp, err := w.app.JourneyRecord(w.ctx, mash, child, ep.ID)
	if err != nil {
		t.Fatal(err)
	}
	r := rp.Record
	e := *r.CareEpisode
	e.Permanence = "long_term_fostering"
	r.CareEpisode = &e
	if _, err := w.app.ChangeJourney(w.ctx, mash, child, r, "the care plan's goal agreed at review"); !errs.Is(err, errs.Forbidden) {
		t.Errorf("MASH changing an episode of care: %v, want forbidden", err)
	}
	fresh := journey.Record{Kind: journey.KindLeavingCare, Start: ep.Start, LeavingCare: &care.LeavingCare{}}
	if _, err := w.app.RecordJourney(w.ctx, mash, child, fresh); !errs.Is(err, errs.Forbidden) {
		t.Errorf("MASH recording the leaving care service: %v, want forbidden", err)
	}
	if _, _, err := w.app.MovePlacement(w.ctx, mash, child, app.PlacementMove{}); !errs.Is(err, errs.Forbidden) {
		t.Errorf("MASH moving the child: %v, want forbidden", err)
	}
	rp, err = w.app.JourneyRecord(w.ctx, w.actor(access.Practitioner), child, ep.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rp.Record.Version != 1 {
		t.Errorf("the episode is at version %d after refusals", rp.Record.Version)
	}
}

// TestAChangeFromOneWhoSeesTheAddressMayChangeIt: a practitioner moves the
// address on (a correction); the change is kept.
func TestAChangeFromOneWhoSeesTheAddressMayChangeIt(t *testing.T) {
	w, child, ep := placed(t)
	me := w.actor(access.Practitioner)
	e := *ep.CareEpisode
	e.Postcode = "WV4 4AA"
	ep.CareEpisode = &e
	got, err := w.app.ChangeJourney(w.ctx, me, child, ep, "the postcode was mistyped")
	if err != nil {
		t.Fatal(err)
	}
	if got.CareEpisode.Postcode != "WV4 4AA" || got.CareEpisode.URN != "SC765432" {
		t.Errorf("after the change: %+v", got.CareEpisode)
	}
}
