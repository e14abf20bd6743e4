package server

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
)

// inCare is the test child's open episode of care, begun 30 days ago if
// the child is not in care yet, for the move of placement's rows.
func (e *env) inCare() journey.Record {
	e.t.Helper()
	if cur, ok := app.CurrentEpisode(e.journeyRecords()); ok {
		return cur
	}
	return e.newRecord(journey.Record{Kind: journey.KindCareEpisode, Start: civil.OfLondon(time.Now()).AddDays(-30), TeamID: e.team.ID,
		CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U6", Provider: "PR1", ReasonNew: "S"}})
}

// moveForm is the form of a move of placement, today, from the test
// child's current episode of care.
func (e *env) moveForm() url.Values {
	cur := e.inCare()
	f := url.Values{"episode": {strconv.FormatInt(int64(cur.ID), 10)}, "version": {strconv.Itoa(cur.Version)},
		"placement": {"U4"}, "provider": {"PR1"}, "same_carers": {"no"}, "reason": {"CARPL"}, "legal_change": {"no"}}
	return dateForm(f, "date", civil.OfLondon(time.Now()))
}

// moved checks that the test child's current episode of care began today,
// in the placement the move form names, and that the page went to the
// child's journey.
func moved(e *env, _ *browser, _ access.Role, _ call, res response) error {
	cur, ok := app.CurrentEpisode(e.journeyRecords())
	if !ok || cur.Start != civil.OfLondon(time.Now()) || cur.CareEpisode.Placement != "U4" || cur.CareEpisode.ReasonNew != "P" {
		return fmt.Errorf("the current episode of care is %+v", cur)
	}
	if !strings.HasSuffix(res.location, "/journey?moved=1") {
		return fmt.Errorf("went to %q", res.location)
	}
	return nil
}
