package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/store"
)

// inCare is the test child's open episode of care, begun 30 days ago if
// the child is not in care yet, for the move of placement's rows.
func (e *env) inCare() journey.Record {
	e.t.Helper()
	if cur, ok := journey.CurrentEpisode(e.journeyRecords()); ok {
		return cur
	}
	return e.newRecord(journey.Record{Kind: journey.KindCareEpisode, Start: civil.OfLondon(time.Now()).AddDays(-30), TeamID: e.team.ID,
		CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U6", Provider: "PR1", URN: "SC123456", ReasonNew: "S"}})
}

// moveForm is the form of a move of placement, today, from the test
// child's current episode of care.
func (e *env) moveForm() url.Values {
	cur := e.inCare()
	// Each role's row moves the same child, so the move goes to whichever
	// of two placements the child is not in, the day after the current one
	// began (the episode of care the fixture opens began 30 days ago).
	next := "U4"
	if cur.CareEpisode.Placement == next {
		next = "U6"
	}
	f := url.Values{"episode": {strconv.FormatInt(int64(cur.ID), 10)}, "version": {strconv.Itoa(cur.Version)},
		"placement": {next}, "provider": {"PR1"}, "urn": {"SC123456"}, "same_carers": {"no"}, "reason": {"CARPL"}, "legal_change": {"no"}}
	return dateForm(f, "date", cur.Start.AddDays(1))
}

// moved checks that the test child's current episode of care began in the
// last 30 days with a move of placement (to U4 or U6, see moveForm), and
// that the page went to the child's journey.
func moved(e *env, _ *browser, _ access.Role, _ call, res response) error {
	cur, ok := journey.CurrentEpisode(e.journeyRecords())
	if !ok || cur.Start.Before(civil.OfLondon(time.Now()).AddDays(-29)) || cur.CareEpisode.Placement != "U4" && cur.CareEpisode.Placement != "U6" || cur.CareEpisode.ReasonNew != "P" {
		return fmt.Errorf("the current episode of care is %+v", cur)
	}
	if !strings.HasSuffix(res.location, "/journey?moved=1") {
		return fmt.Errorf("went to %q", res.location)
	}
	return nil
}

// TestPlacementMovePage: a move from a version someone has saved over is
// refused with the page's warning, keeping what was typed and offering
// the episode as it now stands; a move refused by the app names its field;
// neither writes.
func TestPlacementMovePage(t *testing.T) {
	e := newEnv(t)
	cur := e.inCare()
	b := e.browser().signIn(access.Practitioner)
	path := idPathOf(e.child) + "/placement-move"
	stale := e.moveForm()
	changed := cur
	changed.CareEpisode.LongTermStable = true
	if _, err := e.st.UpdateJourneyRecord(context.Background(), changed, store.Change{By: e.users[access.Admin].ID, At: time.Now().UTC(), Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	res := b.post(path, stale)
	if res.status != http.StatusConflict || !strings.Contains(res.body, "Someone else changed the child’s current episode of care") ||
		!strings.Contains(res.body, `name="version" value="2"`) || !strings.Contains(res.body, `<option value="U4" selected>`) {
		t.Errorf("stale move: status %d, page %.600s", res.status, res.body)
	}
	bad := e.moveForm()
	bad.Set("legal_change", "yes")
	bad.Set("legal_status", "C2") // the status the child has already
	res = b.post(path, bad)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `href="#legal_status"`) || !strings.Contains(res.body, "The legal status is already full care order") {
		t.Errorf("same legal status: status %d, page %.600s", res.status, res.body)
	}
	if now, _ := journey.CurrentEpisode(e.journeyRecords()); now.ID != cur.ID || now.Version != 2 || len(e.journeyRecords()) != 1 {
		t.Errorf("a refused move wrote: current episode %d version %d", now.ID, now.Version)
	}
}
