package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/store"
)

// TestUserMadeBeforeVersionsKeepsItsBaseline: a user whose row was written
// before users were versioned (before migration 0003) has no version; their
// first change keeps the account as it stood, then the change, so the
// history shows what the change altered.
func TestUserMadeBeforeVersionsKeepsItsBaseline(t *testing.T) {
	ctx := context.Background()
	db, _ := openSQLite(t)
	w, _ := db.Pools()
	var id int64
	if err := w.QueryRowContext(ctx, `INSERT INTO users (username, display_name, created_at, password_hash)
		VALUES ('old.timer', 'Old Timer', $1, 'x') RETURNING id`, time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC)).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ExecContext(ctx, "INSERT INTO user_roles (user_id, role, position) VALUES ($1, 'analyst', 0)", id); err != nil {
		t.Fatal(err)
	}
	h, err := db.UserHistory(ctx, access.UserID(id))
	if err != nil || len(h) != 0 {
		t.Fatalf("history before any change: %v, %v", h, err)
	}
	u, err := db.User(ctx, access.UserID(id))
	if err != nil {
		t.Fatal(err)
	}
	u.Roles = []access.Role{access.Admin}
	if _, err := db.UpdateUser(ctx, u, store.Change{Reason: "promoted"}); err != nil {
		t.Fatal(err)
	}
	h, err = db.UserHistory(ctx, access.UserID(id))
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 {
		t.Fatalf("got %d versions, want the baseline and the change", len(h))
	}
	if got := h[0].Record.Roles; len(got) != 1 || got[0] != access.Analyst {
		t.Errorf("baseline roles %v, want [analyst]", got)
	}
	if h[0].Reason == "" || h[1].Reason != "promoted" {
		t.Errorf("reasons %q and %q", h[0].Reason, h[1].Reason)
	}
	if got := h[1].Record.Roles; len(got) != 1 || got[0] != access.Admin {
		t.Errorf("changed roles %v, want [admin]", got)
	}
}
