package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// TestInvolvementEndedYesterdayAtHalfPastMidnight pins the clock to 00:30 in
// British Summer Time (23:30 UTC the day before): an involvement that ended
// the day before no longer opens the record, though the server's clock, in
// UTC, still says it is that day.
func TestInvolvementEndedYesterdayAtHalfPastMidnight(t *testing.T) {
	w := newWorld(t)
	child := w.person("Amira", "Khan", false)
	w.involve(child, access.KindChildInNeed, civil.MustNew(2026, time.June, 14))
	practitioner := w.actor(access.Practitioner)

	w.setClock(time.Date(2026, time.June, 14, 22, 30, 0, 0, time.UTC)) // 23:30 on 14 June in London
	if _, err := w.app.Person(w.ctx, practitioner, child, time.Time{}); err != nil {
		t.Fatalf("23:30 on the last day: %v", err)
	}

	w.setClock(time.Date(2026, time.June, 14, 23, 30, 0, 0, time.UTC)) // 00:30 on 15 June in London
	if got := w.app.Today(); got != civil.MustNew(2026, time.June, 15) {
		t.Errorf("Today() = %v, want 2026-06-15", got)
	}
	if loc := w.app.Now().Location(); loc != civil.London {
		t.Errorf("Now() is in %v, want Europe/London", loc)
	}
	if _, err := w.app.Person(w.ctx, practitioner, child, time.Time{}); !errs.Is(err, errs.ReasonRequired) {
		t.Errorf("00:30 the day after: got %v, want a reason required (no relationship)", err)
	}
	res, err := w.app.SearchPeople(w.ctx, practitioner, store.PersonQuery{Name: "Khan"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.People) != 0 {
		t.Errorf("search at 00:30 the day after lists %+v", res.People)
	}
}
