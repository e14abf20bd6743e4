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

// moveBody is moveForm's move as the API's JSON body.
func (e *env) moveBody() string {
	f := e.moveForm()
	cur := e.inCare()
	return jsonOf(map[string]any{
		"episode": cur.ID, "version": cur.Version, "date": cur.Start.AddDays(1),
		"placement": f.Get("placement"), "provider": "PR1", "urn": "SC123456", "same_carers": false, "reason": "CARPL",
	})
}

// movedByAPI checks the move as moved does, and that the answer names both
// episodes.
func movedByAPI(e *env, b *browser, role access.Role, c call, res response) error {
	if !strings.Contains(res.body, `"ended":`) || !strings.Contains(res.body, `"started":`) {
		return fmt.Errorf("the answer %.200s does not name both episodes", res.body)
	}
	cur, ok := journey.CurrentEpisode(e.journeyRecords())
	if !ok || cur.CareEpisode.ReasonNew != "P" || !strings.HasSuffix(res.location, "/journey/"+strconv.FormatInt(int64(cur.ID), 10)) {
		return fmt.Errorf("the current episode is %+v, Location %q", cur, res.location)
	}
	return nil
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

// TestPlacementMoveAPI: the API's move refuses a stale episode as a
// conflict and a bad placement by its field, writing nothing either time.
func TestPlacementMoveAPI(t *testing.T) {
	e := newEnv(t)
	cur := e.inCare()
	path := "/api/v1/people/" + strconv.FormatInt(int64(e.child), 10) + "/placement-moves"
	body := func(version int, placement string) string {
		return jsonOf(map[string]any{
			"episode": cur.ID, "version": version, "date": cur.Start.AddDays(1),
			"placement": placement, "provider": "PR1", "urn": "SC123456", "same_carers": false, "reason": "CARPL",
		})
	}
	before := len(e.journeyRecords())
	if res := e.api(access.Practitioner, "POST", path, body(cur.Version+1, "U4")); res.status != http.StatusConflict {
		t.Errorf("a stale version: status %d: %s", res.status, res.body)
	}
	res := e.api(access.Practitioner, "POST", path, body(cur.Version, "QQ"))
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"placement"`) {
		t.Errorf("an unknown placement: status %d: %s", res.status, res.body)
	}
	if res := e.api(access.MASH, "POST", path, body(cur.Version, "U4")); res.status != http.StatusForbidden {
		t.Errorf("MASH moved a placement: status %d", res.status)
	}
	if after := len(e.journeyRecords()); after != before {
		t.Errorf("refused moves wrote records: %d before, %d after", before, after)
	}
	if got, _ := journey.CurrentEpisode(e.journeyRecords()); got.ID != cur.ID || got.Version != cur.Version {
		t.Errorf("the current episode changed: %+v", got)
	}
}
