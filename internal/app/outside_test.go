package app_test

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/store"
)

// TestTheOutsideListingNeedsTwoDifferentWords: the store matches each word
// of a name as the start of a name, so "Smith Smith", "Ja Ja" and "Ja Sm"
// each listed twenty people outside the user's relationships, and fifty
// searches of two-letter pairs listed 475 different people. Now a name lists
// them only with two different words of three letters or more, neither the
// start of the other, or one such word with a date of birth or a full
// postcode.
func TestTheOutsideListingNeedsTwoDifferentWords(t *testing.T) {
	w := newWorld(t)
	evie := w.person("Evie", "Yates", false)
	for range 3 {
		w.person("James", "Smith", false)
	}
	me := w.actor(access.Practitioner)
	dob := civil.MustNew(2015, time.May, 4)
	cases := []struct {
		name string
		q    store.PersonQuery
		want int
	}{
		{"a word twice", store.PersonQuery{Name: "Smith Smith"}, 0},
		{"a word and its start", store.PersonQuery{Name: "Smith Smi"}, 0},
		{"two letters twice", store.PersonQuery{Name: "Ja Ja"}, 0},
		{"two pairs of two letters", store.PersonQuery{Name: "Ja Sm"}, 0},
		{"three letters and two", store.PersonQuery{Name: "Jam Sm"}, 0},
		{"two letters and a date of birth", store.PersonQuery{Name: "Sm", DateOfBirth: dob}, 0},
		{"a word twice, differently written", store.PersonQuery{Name: "SMITH smith"}, 0},
		{"given and family name", store.PersonQuery{Name: "Evie Yates"}, 1},
		{"three letters of each", store.PersonQuery{Name: "Jam Smi"}, 3},
		{"a name and a date of birth", store.PersonQuery{Name: "Yates", DateOfBirth: dob}, 1},
		{"a name and a full postcode", store.PersonQuery{Name: "Smith", Postcode: "WV1 1AA"}, 3},
	}
	for _, c := range cases {
		res, err := w.app.SearchPeople(w.ctx, me, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(res.NeedReason) != c.want {
			t.Errorf("%s: listed %d needing a reason, want %d", c.name, len(res.NeedReason), c.want)
		}
		if res.OutsideWithheld != (c.want == 0) {
			t.Errorf("%s: withheld %v, want %v", c.name, res.OutsideWithheld, c.want == 0)
		}
	}
	res, err := w.app.SearchPeople(w.ctx, me, store.PersonQuery{Name: "Evie Yates"})
	if err != nil || len(res.NeedReason) != 1 || res.NeedReason[0].ID != evie {
		t.Errorf("Evie Yates: %+v, %v", res.NeedReason, err)
	}
}

// TestTheOutsideListingHasADailyCap: at the search rate limit, specific
// searches could still list some 27,000 people an hour. Each user may now be
// listed app.OutsidePerDay people outside their relationships a day; past
// that, search answers with what they may open, lists nobody outside, says
// so, and the log line says how many were listed.
func TestTheOutsideListingHasADailyCap(t *testing.T) {
	w := newWorld(t)
	for range 25 {
		w.person("Sam", "Khan", false)
	}
	mine := w.person("Sam", "Khan", false)
	w.involve(mine, access.KindChildInNeed, civil.Date{})
	me := w.actor(access.Practitioner)

	// 100 = 20 + 20 + 20 + 20 + 20: the fifth search spends the last.
	for i := range app.OutsidePerDay / 20 {
		res, err := w.app.SearchPeople(w.ctx, me, store.PersonQuery{Name: "Sam Khan"})
		if err != nil || len(res.NeedReason) != 20 || res.OutsideCapped {
			t.Fatalf("search %d: listed %d, capped %v, %v", i+1, len(res.NeedReason), res.OutsideCapped, err)
		}
	}
	res, err := w.app.SearchPeople(w.ctx, me, store.PersonQuery{Name: "Sam Khan"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.NeedReason) != 0 || !res.OutsideCapped {
		t.Errorf("past the cap: listed %d, capped %v", len(res.NeedReason), res.OutsideCapped)
	}
	if len(res.People) != 1 || res.People[0].ID != mine {
		t.Errorf("past the cap, the user's own child is not found: %+v", res.People)
	}
	if note := w.lastSearch(); !strings.HasSuffix(note, "; listed 0 needing a reason; daily limit of people listed outside reached") {
		t.Errorf("logged %q", note)
	}

	// The cap is the user's own: another who may break the glass is listed.
	res, err = w.app.SearchPeople(w.ctx, w.actor(access.TeamManager), store.PersonQuery{Name: "Sam Khan"})
	if err != nil || len(res.NeedReason) != 20 || res.OutsideCapped {
		t.Errorf("another user: listed %d, capped %v, %v", len(res.NeedReason), res.OutsideCapped, err)
	}
	if note := w.lastSearch(); !strings.HasSuffix(note, "; listed 20 needing a reason") {
		t.Errorf("another user: logged %q", note)
	}

	// A day later the allowance is back.
	w.setClock(time.Date(2026, time.June, 16, 9, 0, 0, 0, time.UTC))
	res, err = w.app.SearchPeople(w.ctx, me, store.PersonQuery{Name: "Sam Khan"})
	if err != nil || len(res.NeedReason) != 20 || res.OutsideCapped {
		t.Errorf("a day later: listed %d, capped %v, %v", len(res.NeedReason), res.OutsideCapped, err)
	}
}

// TestTheDailyCapStopsPartWay: a search that reaches the cap lists what was
// left of the allowance and no more.
func TestTheDailyCapStopsPartWay(t *testing.T) {
	w := newWorld(t)
	for range 25 {
		w.person("Sam", "Khan", false)
	}
	w.person("Evie", "Yates", false)
	me := w.actor(access.Practitioner)
	if res, err := w.app.SearchPeople(w.ctx, me, store.PersonQuery{Name: "Evie Yates"}); err != nil || len(res.NeedReason) != 1 {
		t.Fatalf("Evie Yates: %+v, %v", res.NeedReason, err)
	}
	listed := 1
	for listed+20 <= app.OutsidePerDay {
		res, err := w.app.SearchPeople(w.ctx, me, store.PersonQuery{Name: "Sam Khan"})
		if err != nil || len(res.NeedReason) != 20 {
			t.Fatalf("after %d: listed %d, %v", listed, len(res.NeedReason), err)
		}
		listed += 20
	}
	res, err := w.app.SearchPeople(w.ctx, me, store.PersonQuery{Name: "Sam Khan"})
	if err != nil {
		t.Fatal(err)
	}
	if left := app.OutsidePerDay - listed; len(res.NeedReason) != left || !res.OutsideCapped {
		t.Errorf("the last search: listed %d, capped %v, want %d and capped", len(res.NeedReason), res.OutsideCapped, left)
	}
	if note := w.lastSearch(); !strings.HasSuffix(note, "needing a reason; daily limit of people listed outside reached") {
		t.Errorf("logged %q", note)
	}
}
