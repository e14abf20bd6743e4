package main

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
)

func TestTokenCreateExpires(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	addJo(t, db)
	st := openStore(t, db)
	a := app.New(st, slog.New(slog.DiscardHandler))
	today := a.Now()
	tomorrow := today.AddDate(0, 0, 1).Format("2006-01-02")

	secret := strings.TrimSpace(mustHearth(t, "", "token", "create", "--db", db, "--username", "jo.bloggs", "--expires", tomorrow))
	if _, err := a.TokenPrincipal(t.Context(), secret); err != nil {
		t.Fatalf("before its expiry: %v", err)
	}
	tok, err := st.TokenByHash(t.Context(), access.HashSecret(secret))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.LastDay(tok.ExpiresAt).String(); got != tomorrow {
		t.Errorf("last day %s, want %s", got, tomorrow)
	}
	a.Clock = func() time.Time { return tok.ExpiresAt }
	if _, err := a.TokenPrincipal(t.Context(), secret); !errs.Is(err, errs.Unauthenticated) {
		t.Errorf("at its expiry: err %v, want refused", err)
	}

	for _, bad := range []string{"2020-01-01", today.AddDate(2, 0, 0).Format("2006-01-02"), "next week"} {
		out, _, err := hearth(t, "", "token", "create", "--db", db, "--username", "jo.bloggs", "--expires", bad)
		if !errs.Is(err, errs.Invalid) || !strings.Contains(message(err), "expir") || out != "" {
			t.Errorf("--expires %s: err %v, printed %q; want an error about the expiry and nothing printed", bad, err, out)
		}
	}
}

func TestUserAddReason(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	mustHearth(t, joPassword+"\n", "user", "add", "--db", db, "--username", "jo.bloggs", "--role", "admin", "--reason", "First administrator")
	addedWithout := "sam.smith"
	mustHearth(t, joPassword+"\n", "user", "add", "--db", db, "--username", addedWithout, "--role", "analyst")
	st := openStore(t, db)
	for username, want := range map[string]string{"jo.bloggs": "First administrator", addedWithout: "Added from the command line"} {
		u, err := st.UserByUsername(t.Context(), username)
		if err != nil {
			t.Fatal(err)
		}
		h, err := st.UserHistory(t.Context(), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 1 || h[0].Reason != want || h[0].By != 0 {
			t.Errorf("%s: history %+v, want one version by the command line with reason %q", username, h, want)
		}
	}
}
