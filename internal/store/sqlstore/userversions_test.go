package sqlstore_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// TestMigrateUsersSQLite and TestMigrateUsersPostgres: migration 0008 gives
// every user a version. A user made before users were versioned (before
// 0003) and never changed gets version 1, the account as it stands, so
// that their first change has a "before" in the history; a user with
// versions keeps them, and their latest is their current version. Both are
// then changed as any versioned record: a change from a stale version is
// refused, and none is deleted. The sign-in lock's columns are gone.
func TestMigrateUsersSQLite(t *testing.T) {
	testMigrateUsers(t, "sqlite", filepath.Join(t.TempDir(), "hearth.db"), "DATETIME")
}

func TestMigrateUsersPostgres(t *testing.T) {
	testMigrateUsers(t, "postgres", newSchema(t), "TIMESTAMPTZ")
}

func testMigrateUsers(t *testing.T, dialect, dsn, timestamp string) {
	ctx := context.Background()
	// The schema as it stood before 0008.
	db, exec := migratedBefore(t, dialect, dsn, timestamp, 8)
	defer db.Close()
	w, _ := db.Pools()
	made := time.Date(2023, time.January, 2, 3, 4, 5, 678901000, time.UTC)
	exec("INSERT INTO services (name) VALUES ('Social Care')")
	exec("INSERT INTO teams (name, service_id) VALUES ('Assessment', 1)")
	// 1: made before versions and never changed, with two roles in order,
	// a team, disabled, and the old lock's columns set.
	exec(`INSERT INTO users (username, display_name, team_id, disabled, created_at, password_hash, failed_count, locked_until)
		VALUES ('old.timer', 'Old Timer', 1, $1, $2, 'argon2id$old', 3, $2)`, true, made)
	exec("INSERT INTO user_roles (user_id, role, position) VALUES (1, 'team_manager', 0), (1, 'practitioner', 1)")
	// 2: made since, with two versions as the old path wrote them (no
	// version in the body).
	exec("INSERT INTO users (username, display_name, created_at, password_hash) VALUES ('kept.history', 'Kept Two', $1, 'argon2id$kept')", made)
	exec("INSERT INTO user_roles (user_id, role, position) VALUES (2, 'analyst', 0)")
	for v, name := range []string{"Kept One", "Kept Two"} {
		body, _ := json.Marshal(map[string]any{"id": 2, "username": "kept.history", "display_name": name, "roles": []string{"analyst"}, "disabled": false, "created_at": made})
		exec("INSERT INTO record_versions (kind, record_id, version, recorded_at, recorded_by, reason, body) VALUES ('user', 2, $1, $2, NULL, $3, $4)",
			v+1, made.Add(time.Duration(v)*time.Hour), "change "+name, string(body))
	}
	// 3: made before versions, no team, no roles, active.
	exec("INSERT INTO users (username, display_name, created_at) VALUES ('no.roles', 'No Roles', $1)", made)

	applied, err := db.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) == 0 || applied[0] != 8 {
		t.Fatalf("Migrate applied %v, want 0008 first", applied)
	}

	old, err := db.User(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := access.User{ID: 1, Version: 1, Username: "old.timer", DisplayName: "Old Timer", Roles: []access.Role{access.TeamManager, access.Practitioner},
		TeamID: 1, Disabled: true, CreatedAt: made}
	if !reflect.DeepEqual(old, want) {
		t.Fatalf("migrated user\ngot  %+v\nwant %+v", old, want)
	}
	for _, id := range []access.UserID{1, 3} {
		u, err := db.User(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		h, err := db.UserHistory(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 1 || h[0].Version != 1 || h[0].By != 0 || h[0].Reason == "" {
			t.Fatalf("history of user %d: %+v", id, h)
		}
		// The baseline is the account exactly as a read gives it: roles in
		// order (none as an empty list), team, disabled, created_at to the
		// microsecond.
		if !reflect.DeepEqual(h[0].Record, u) {
			t.Errorf("baseline of user %d\ngot  %+v\nwant %+v", id, h[0].Record, u)
		}
	}
	kept, err := db.User(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if kept.Version != 2 {
		t.Fatalf("user with two versions is at version %d, want 2", kept.Version)
	}
	h, err := db.UserHistory(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || h[0].Record.DisplayName != "Kept One" || h[1].Record.Version != 2 || h[1].Reason != "change Kept Two" {
		t.Fatalf("kept history: %+v", h)
	}

	// Changes go through the mechanism: from the current version, and
	// never from a stale one.
	stale := kept
	stale.Version = 1
	stale.DisplayName = "From an old page"
	if _, err := db.UpdateUser(ctx, stale, store.Change{Reason: "stale"}); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("a change from a stale version: %v, want a conflict", err)
	}
	kept.Roles = []access.Role{access.Admin}
	if kept, err = db.UpdateUser(ctx, kept, store.Change{Reason: "promoted"}); err != nil || kept.Version != 3 {
		t.Fatalf("changing the user with history: version %d, %v", kept.Version, err)
	}
	old.Disabled = false
	if old, err = db.UpdateUser(ctx, old, store.Change{Reason: "back from leave"}); err != nil || old.Version != 2 {
		t.Fatalf("changing the user made before versions: version %d, %v", old.Version, err)
	}
	if h, err := db.UserHistory(ctx, 1); err != nil || len(h) != 2 || !h[0].Record.Disabled || h[1].Record.Disabled {
		t.Fatalf("history after the first change: %+v, %v", h, err)
	}
	if c, err := db.Credentials(ctx, 1); err != nil || c.PasswordHash != "argon2id$old" {
		t.Fatalf("password kept: %+v, %v", c, err)
	}
	added, err := db.CreateUser(ctx, access.User{Username: "new.one", DisplayName: "New One"}, "x", store.Change{Reason: "new"})
	if err != nil || added.ID != 4 || added.Version != 1 {
		t.Fatalf("a new user after the migration: %+v, %v", added, err)
	}

	if _, err := w.ExecContext(ctx, "DELETE FROM users WHERE id = 3"); err == nil {
		t.Error("a user was deleted")
	}
	for _, col := range []string{"failed_count", "locked_until"} {
		if _, err := w.ExecContext(ctx, "SELECT "+col+" FROM users"); err == nil {
			t.Errorf("users.%s is still there", col)
		}
	}
}

// TestPasswordHashIsNeverVersionedSQLite and ...Postgres: no version of an
// account, whether written by its creation, a change or a new password,
// holds its password hash.
func TestPasswordHashIsNeverVersionedSQLite(t *testing.T) {
	db, _ := openSQLite(t)
	testPasswordHashIsNeverVersioned(t, db)
}

func TestPasswordHashIsNeverVersionedPostgres(t *testing.T) {
	testPasswordHashIsNeverVersioned(t, openPostgres(t))
}

func testPasswordHashIsNeverVersioned(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	u, err := db.CreateUser(ctx, access.User{Username: "hash.keeper", DisplayName: "Hash Keeper", Roles: []access.Role{access.Analyst}},
		"argon2id$first-secret-hash", store.Change{Reason: "joined"})
	if err != nil {
		t.Fatal(err)
	}
	u.DisplayName = "Hash Keeper Renamed"
	if _, err := db.UpdateUser(ctx, u, store.Change{Reason: "renamed"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPassword(ctx, u.ID, "argon2id$second-secret-hash"); err != nil {
		t.Fatal(err)
	}
	w, _ := db.Pools()
	var versions, leaks int
	if err := w.QueryRowContext(ctx, "SELECT COUNT(*) FROM record_versions WHERE kind = 'user' AND record_id = $1", int64(u.ID)).Scan(&versions); err != nil {
		t.Fatal(err)
	}
	if err := w.QueryRowContext(ctx, "SELECT COUNT(*) FROM record_versions WHERE CAST(body AS TEXT) LIKE '%secret-hash%' OR CAST(body AS TEXT) LIKE '%argon2id%'").Scan(&leaks); err != nil {
		t.Fatal(err)
	}
	if versions != 2 || leaks != 0 {
		t.Fatalf("%d versions of the account (want 2), %d holding a password hash (want 0)", versions, leaks)
	}
	if c, err := db.Credentials(ctx, u.ID); err != nil || c.PasswordHash != "argon2id$second-secret-hash" {
		t.Fatalf("credentials: %+v, %v", c, err)
	}
}
