package browsertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// homeEducated writes the team's home education register: 52 children, a
// page and a bit, the families of 49 reached in the last year and the
// other 3 not (one of them, Quinn Quiet, never), so the figure is 94%.
func homeEducated(t *testing.T, st store.Store, team access.TeamID, c store.Change) {
	t.Helper()
	ctx := context.Background()
	today := civil.OfLondon(time.Now())
	for i := range 52 {
		given, family := "Child", "Home"+string(rune('A'+i%26))+string(rune('a'+i/26))
		ehe := &education.EHE{From: today.AddDays(-500 + i), Contacts: []education.EHEContact{{On: today.AddDays(-60), Outcome: "suitable"}}}
		switch i {
		case 49, 50:
			ehe.Contacts = []education.EHEContact{{On: today.AddDays(-400), Outcome: "suitable"}, {On: today.AddDays(-10), Outcome: "declined"}}
		case 51:
			given, family, ehe.Contacts = "Quinn", "Quiet", nil
		}
		p, err := st.CreatePerson(ctx, people.Person{GivenName: given, FamilyName: family, DateOfBirth: civil.MustNew(2013, time.June, 1), Sex: "1"}, c)
		if err != nil {
			t.Fatal(err)
		}
		r := education.Normalise(education.Record{PersonID: p.ID, Kind: education.KindEHE, TeamID: team, EHE: ehe})
		if _, err := st.CreateEducationRecord(ctx, r, c); err != nil {
			t.Fatal(err)
		}
	}
}

// eheRegister: the education officer opens the register from the
// navigation, reads the count and the families in contact, turns to its
// second page, narrows it to the children not in contact, and opens the
// CME lists; axe runs on each page.
func eheRegister(t *testing.T, tb *tab) {
	signIn(t, tb, "test.education", false)
	wantStatus(t, tb, "the register", tb.follow(`a[href="/education/home-education"]`), 200)
	ps := tb.state()
	if ps.H1 != "Elective home education register" || !strings.Contains(ps.Main, "Children on the register 52") ||
		!strings.Contains(ps.Main, "49 of 52 children (94%)") || !strings.Contains(ps.Main, "Yearly contact overdue 3") ||
		!strings.Contains(ps.Main, "Children 1 to 50 of 52") {
		t.Fatalf("the register: %q %.600s", ps.H1, ps.Main)
	}
	tb.checkA11y("home education register")
	if rows := tb.rows("Children electively home educated"); len(rows) != 50 {
		t.Errorf("the first page has %d children, want 50", len(rows))
	}
	wantStatus(t, tb, "the register's second page", tb.follow(`a[rel=next]`), 200)
	rows := tb.rows("Children electively home educated")
	if len(rows) != 2 || !hasRow(rows, "Quiet, Quinn") {
		t.Errorf("the second page: %q", rows)
	}
	wantStatus(t, tb, "the children not in contact", tb.open("/education/home-education?contact=no"), 200)
	rows = tb.rows("Children electively home educated")
	if len(rows) != 3 || !hasRow(rows, "Quiet, Quinn", "", "None") {
		t.Errorf("not in contact: %q", rows)
	}
	if href := eval[string](tb, `document.querySelector('main a[download]').getAttribute('href')`); href != "?contact=no&format=csv" {
		t.Errorf("the download of the children not in contact is %q", href)
	}
	tb.checkA11y("home education register, not in contact")
	for _, l := range []struct{ path, h1 string }{{"/education/missing-education", "Children missing education: enquiries"}, {"/education/lost-pupils", "Lost pupils"}} {
		wantStatus(t, tb, l.h1, tb.open(l.path), 200)
		if ps := tb.state(); ps.H1 != l.h1 {
			t.Errorf("%s: %q", l.path, ps.H1)
		}
		tb.checkA11y(l.h1)
	}
}
