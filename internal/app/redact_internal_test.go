package app

import (
	"testing"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/journey"
)

// TestKeepUnseen: a change from one who was shown the episode without its
// address keeps the stored postcode, URN and household, whatever it sent;
// one from a reader of addresses is taken as sent.
func TestKeepUnseen(t *testing.T) {
	cur := journey.Record{Kind: journey.KindCareEpisode, CareEpisode: &care.Episode{Postcode: "WV3 9ZZ", URN: "SC765432", Household: 4}}
	for _, sent := range []care.Episode{{}, {Postcode: "B1 1AA", URN: "SC000001", Household: 9}} {
		r := journey.Record{Kind: journey.KindCareEpisode, CareEpisode: &sent}
		got := keepUnseen(access.Principal{User: access.User{Roles: []access.Role{access.MASH}}}, cur, r).CareEpisode
		if got.Postcode != "WV3 9ZZ" || got.URN != "SC765432" || got.Household != 4 {
			t.Errorf("MASH sent %+v: kept %+v", sent, got)
		}
		if got := keepUnseen(access.Principal{User: access.User{Roles: []access.Role{access.Practitioner}}}, cur, r).CareEpisode; *got != sent {
			t.Errorf("a practitioner sent %+v: kept %+v", sent, got)
		}
	}
}
