package main

import (
	"strings"
	"testing"

	"hearth/internal/errs"
)

// TestUserAddKeepsAdministratorsFromReading: the command line makes accounts
// through the same use case as the pages, so an administrator who would also
// read children's records is refused there too, and nothing is made.
func TestUserAddKeepsAdministratorsFromReading(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	out, _, err := hearth(t, joPassword+"\n", "user", "add", "--db", db, "--username", "jo.bloggs", "--role", "admin", "--role", "analyst")
	if !errs.Is(err, errs.Invalid) || !strings.Contains(message(err), "An administrator cannot also be Analyst") || out != "" {
		t.Fatalf("admin and analyst: err %v, printed %q; want refused naming the roles", err, out)
	}
	if _, err := openStore(t, db).UserByUsername(t.Context(), "jo.bloggs"); !errs.Is(err, errs.NotFound) {
		t.Errorf("the refused account was made: %v", err)
	}
	if _, _, err := hearth(t, joPassword+"\n", "user", "add", "--db", db, "--username", "jo.bloggs", "--role", "admin", "--role", "auditor"); !errs.Is(err, errs.Invalid) {
		t.Fatalf("admin and auditor: err %v, want refused", err)
	}
	mustHearth(t, joPassword+"\n", "user", "add", "--db", db, "--username", "jo.bloggs", "--role", "admin", "--role", "programme_manager")
}
