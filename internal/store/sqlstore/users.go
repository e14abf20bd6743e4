package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// conflict is a Conflict error naming one field.
func conflict(field, msg string, cause error) error {
	return &errs.Error{Code: errs.Conflict, Message: msg, Fields: []errs.Field{{Field: field, Message: msg}}, Err: cause}
}

// CreateService adds a service; names are unique.
func (db *DB) CreateService(ctx context.Context, s access.Service) (access.Service, error) {
	var id int64
	err := db.w.QueryRowContext(ctx, "INSERT INTO services (name) VALUES ($1) RETURNING id", s.Name).Scan(&id)
	if isUnique(err) {
		return access.Service{}, conflict("name", "There is already a service with this name", err)
	}
	if err != nil {
		return access.Service{}, fmt.Errorf("store: creating service: %w", err)
	}
	s.ID = access.ServiceID(id)
	return s, nil
}

// Services returns every service by name.
func (db *DB) Services(ctx context.Context) ([]access.Service, error) {
	rows, err := db.read(ctx, "SELECT id, name FROM services ORDER BY name, id")
	if err != nil {
		return nil, fmt.Errorf("store: reading services: %w", err)
	}
	defer rows.Close()
	out := []access.Service{}
	for rows.Next() {
		var s access.Service
		if err := rows.Scan(&s.ID, &s.Name); err != nil {
			return nil, fmt.Errorf("store: reading services: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CreateTeam adds a team to a service; names are unique within a service.
func (db *DB) CreateTeam(ctx context.Context, t access.Team) (access.Team, error) {
	var id int64
	err := db.w.QueryRowContext(ctx, "INSERT INTO teams (name, service_id) VALUES ($1, $2) RETURNING id", t.Name, nullID(t.ServiceID)).Scan(&id)
	switch {
	case isUnique(err):
		return access.Team{}, conflict("name", "There is already a team with this name in the service", err)
	case isForeignKey(err):
		return access.Team{}, &errs.Error{Code: errs.Invalid, Message: "There is no such service",
			Fields: []errs.Field{{Field: "service_id", Message: "There is no such service"}}, Err: err}
	case err != nil:
		return access.Team{}, fmt.Errorf("store: creating team: %w", err)
	}
	t.ID = access.TeamID(id)
	return t, nil
}

// Teams returns every team by name.
func (db *DB) Teams(ctx context.Context) ([]access.Team, error) {
	rows, err := db.read(ctx, "SELECT id, name, service_id FROM teams ORDER BY name, id")
	if err != nil {
		return nil, fmt.Errorf("store: reading teams: %w", err)
	}
	defer rows.Close()
	out := []access.Team{}
	for rows.Next() {
		var t access.Team
		if err := rows.Scan(&t.ID, &t.Name, idScan[access.ServiceID]{&t.ServiceID}); err != nil {
			return nil, fmt.Errorf("store: reading teams: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// normaliseUsername is how usernames are stored and looked up, so that they
// are unique without regard to case.
func normaliseUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func userWriteErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errs.As(err) != nil:
		return err
	case isUnique(err):
		return conflict("username", "Another user already has this username", err)
	case isForeignKey(err):
		return &errs.Error{Code: errs.Invalid, Message: "There is no such team",
			Fields: []errs.Field{{Field: "team_id", Message: "There is no such team"}}, Err: err}
	}
	return fmt.Errorf("store: writing user: %w", err)
}

// writeRoles replaces a user's roles, keeping their order.
func writeRoles(ctx context.Context, tx *sql.Tx, id access.UserID, roles []access.Role) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM user_roles WHERE user_id = $1", int64(id)); err != nil {
		return err
	}
	seen := map[access.Role]bool{}
	pos := 0
	for _, r := range roles {
		if seen[r] {
			continue
		}
		seen[r] = true
		if _, err := tx.ExecContext(ctx, "INSERT INTO user_roles (user_id, role, position) VALUES ($1, $2, $3)", int64(id), string(r), pos); err != nil {
			return err
		}
		pos++
	}
	return nil
}

// CreateUser adds a user with a password hash and writes their first
// version with c. The username is stored in lower case; one that another user
// has (in any case) is errs.Conflict.
func (db *DB) CreateUser(ctx context.Context, u access.User, passwordHash string, c store.Change) (access.User, error) {
	u.Username = normaliseUsername(u.Username)
	u.CreatedAt = stamp(u.CreatedAt)
	c.At = stamp(c.At)
	err := db.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO users (username, display_name, team_id, disabled, created_at, password_hash)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			u.Username, u.DisplayName, nullID(u.TeamID), u.Disabled, u.CreatedAt, passwordHash).Scan(&id)
		if err != nil {
			return userWriteErr(err)
		}
		u.ID = access.UserID(id)
		if err := writeRoles(ctx, tx, u.ID, u.Roles); err != nil {
			return userWriteErr(err)
		}
		return writeUserVersion(ctx, tx, u.ID, c)
	})
	if err != nil {
		return access.User{}, err
	}
	return db.User(ctx, u.ID)
}

// UpdateUser changes a user's username, name, team, roles and whether the
// account is disabled, and writes the new version with c.
func (db *DB) UpdateUser(ctx context.Context, u access.User, c store.Change) (access.User, error) {
	u.Username = normaliseUsername(u.Username)
	c.At = stamp(c.At)
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := keepUserBaseline(ctx, tx, u.ID, c.At); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE users SET username = $2, display_name = $3, team_id = $4, disabled = $5 WHERE id = $1",
			int64(u.ID), u.Username, u.DisplayName, nullID(u.TeamID), u.Disabled)
		if err != nil {
			return userWriteErr(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: updating user: %w", err)
		} else if n == 0 {
			return notFound("user", u.ID)
		}
		if err := writeRoles(ctx, tx, u.ID, u.Roles); err != nil {
			return userWriteErr(err)
		}
		return writeUserVersion(ctx, tx, u.ID, c)
	})
	if err != nil {
		return access.User{}, err
	}
	return db.User(ctx, u.ID)
}

// kindUser is the kind of a user's versions in record_versions.
const kindUser = store.KindUser

// baselineReason is the reason of the version that keeps a user's account as
// it stood before versions of users were written (migration 0003).
const baselineReason = "The account as it stood before changes to users were recorded"

// writeUserVersion writes the next version of user id: the account as it
// now stands in tx, as JSON (encoding/json of access.User), with c. It is
// the one place users are versioned.
func writeUserVersion(ctx context.Context, tx *sql.Tx, id access.UserID, c store.Change) error {
	u, err := txUser(ctx, tx, id)
	if err != nil {
		return err
	}
	var last int
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM record_versions WHERE kind = $1 AND record_id = $2",
		kindUser, int64(id)).Scan(&last); err != nil {
		return fmt.Errorf("store: versioning user %d: %w", id, err)
	}
	body, err := json.Marshal(u)
	if err != nil {
		return fmt.Errorf("store: versioning user %d: %w", id, err)
	}
	err = insertVersion(ctx, tx, kindUser, int64(id), last+1, c, string(body), 0)
	switch {
	case isUnique(err):
		// Another change to the user took the number first (PostgreSQL).
		return errs.E(errs.Conflict, "The user was changed by someone else at the same time. Try again")
	case isForeignKey(err):
		return notFound("user", c.By)
	case err != nil:
		return fmt.Errorf("store: versioning user %d: %w", id, err)
	}
	return nil
}

// keepUserBaseline writes, for a user made before users were versioned, the
// account as it stands as their first version, so that the change about to
// be made has a "before" in the history.
func keepUserBaseline(ctx context.Context, tx *sql.Tx, id access.UserID, at time.Time) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM record_versions WHERE kind = $1 AND record_id = $2",
		kindUser, int64(id)).Scan(&n); err != nil {
		return fmt.Errorf("store: versioning user %d: %w", id, err)
	}
	if n > 0 {
		return nil
	}
	return writeUserVersion(ctx, tx, id, store.Change{At: at, Reason: baselineReason})
}

// txUser reads a user and their roles inside a transaction.
func txUser(ctx context.Context, tx *sql.Tx, id access.UserID) (access.User, error) {
	var u access.User
	err := scanUser(tx.QueryRowContext(ctx, "SELECT "+userCols+" FROM users WHERE id = $1", int64(id)), &u)
	if errors.Is(err, sql.ErrNoRows) {
		return access.User{}, notFound("user", id)
	}
	if err != nil {
		return access.User{}, fmt.Errorf("store: reading user: %w", err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY position", int64(id))
	if err != nil {
		return access.User{}, fmt.Errorf("store: reading roles: %w", err)
	}
	defer rows.Close()
	u.Roles = []access.Role{}
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return access.User{}, fmt.Errorf("store: reading roles: %w", err)
		}
		u.Roles = append(u.Roles, access.Role(r))
	}
	return u, rows.Err()
}

// UserHistory returns every version of a user, oldest first.
func (db *DB) UserHistory(ctx context.Context, id access.UserID) ([]store.Version[access.User], error) {
	rows, err := db.read(ctx, `SELECT v.version, v.recorded_at, v.recorded_by, COALESCE(u.display_name, ''), v.reason, v.body
		FROM record_versions v LEFT JOIN users u ON u.id = v.recorded_by
		WHERE v.kind = $1 AND v.record_id = $2 ORDER BY v.version`, kindUser, int64(id))
	if err != nil {
		return nil, fmt.Errorf("store: reading history of user %d: %w", id, err)
	}
	defer rows.Close()
	out := []store.Version[access.User]{}
	for rows.Next() {
		var (
			v    store.Version[access.User]
			body []byte
		)
		if err := rows.Scan(&v.Version, timeScan{&v.RecordedAt}, idScan[access.UserID]{&v.By}, &v.ByName, &v.Reason, &body); err != nil {
			return nil, fmt.Errorf("store: reading history of user %d: %w", id, err)
		}
		if err := json.Unmarshal(body, &v.Record); err != nil {
			return nil, fmt.Errorf("store: decoding version %d of user %d: %w", v.Version, id, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const userCols = "id, username, display_name, team_id, disabled, created_at"

func scanUser(sc interface{ Scan(...any) error }, u *access.User) error {
	return sc.Scan(&u.ID, &u.Username, &u.DisplayName, idScan[access.TeamID]{&u.TeamID}, &u.Disabled, timeScan{&u.CreatedAt})
}

// User returns a user by id.
func (db *DB) User(ctx context.Context, id access.UserID) (access.User, error) {
	return db.oneUser(ctx, "id = $1", int64(id), id)
}

// UserByUsername returns a user by username, in any case.
func (db *DB) UserByUsername(ctx context.Context, username string) (access.User, error) {
	name := normaliseUsername(username)
	return db.oneUser(ctx, "username = $1", name, name)
}

func (db *DB) oneUser(ctx context.Context, where string, arg any, what any) (access.User, error) {
	var u access.User
	err := scanUser(db.readRow(ctx, "SELECT "+userCols+" FROM users WHERE "+where, arg), &u)
	if errors.Is(err, sql.ErrNoRows) {
		return access.User{}, errs.E(errs.NotFound, "There is no user %v", what)
	}
	if err != nil {
		return access.User{}, fmt.Errorf("store: reading user: %w", err)
	}
	rows, err := db.read(ctx, "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY position", int64(u.ID))
	if err != nil {
		return access.User{}, fmt.Errorf("store: reading roles: %w", err)
	}
	defer rows.Close()
	u.Roles = []access.Role{}
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return access.User{}, fmt.Errorf("store: reading roles: %w", err)
		}
		u.Roles = append(u.Roles, access.Role(r))
	}
	return u, rows.Err()
}

// Users returns every user by username.
func (db *DB) Users(ctx context.Context) ([]access.User, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+userCols+" FROM users ORDER BY username")
	if err != nil {
		return nil, fmt.Errorf("store: reading users: %w", err)
	}
	out := []access.User{}
	index := map[access.UserID]int{}
	for rows.Next() {
		var u access.User
		if err := scanUser(rows, &u); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: reading users: %w", err)
		}
		u.Roles = []access.Role{}
		index[u.ID] = len(out)
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading users: %w", err)
	}
	rows, err = db.r.QueryContext(ctx, "SELECT user_id, role FROM user_roles ORDER BY user_id, position")
	if err != nil {
		return nil, fmt.Errorf("store: reading roles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id access.UserID
			r  string
		)
		if err := rows.Scan(&id, &r); err != nil {
			return nil, fmt.Errorf("store: reading roles: %w", err)
		}
		if i, ok := index[id]; ok {
			out[i].Roles = append(out[i].Roles, access.Role(r))
		}
	}
	return out, rows.Err()
}

// Credentials returns a user's password hash and throttling state.
func (db *DB) Credentials(ctx context.Context, id access.UserID) (store.Credentials, error) {
	c := store.Credentials{UserID: id}
	err := db.readRow(ctx, "SELECT password_hash, failed_count, locked_until FROM users WHERE id = $1", int64(id)).
		Scan(&c.PasswordHash, &c.FailedCount, timeScan{&c.LockedUntil})
	if errors.Is(err, sql.ErrNoRows) {
		return store.Credentials{}, notFound("user", id)
	}
	if err != nil {
		return store.Credentials{}, fmt.Errorf("store: reading credentials: %w", err)
	}
	return c, nil
}

// SetPassword stores a new password hash.
func (db *DB) SetPassword(ctx context.Context, id access.UserID, hash string) error {
	return db.updateOne(ctx, "user", id, "UPDATE users SET password_hash = $2 WHERE id = $1", int64(id), hash)
}

// RecordLogin stores the failed sign-in count and the lock-out time.
func (db *DB) RecordLogin(ctx context.Context, id access.UserID, failedCount int, lockedUntil time.Time) error {
	return db.updateOne(ctx, "user", id, "UPDATE users SET failed_count = $2, locked_until = $3 WHERE id = $1",
		int64(id), failedCount, moment(lockedUntil))
}

// updateOne runs an UPDATE that must change exactly one row.
func (db *DB) updateOne(ctx context.Context, what string, id any, query string, args ...any) error {
	res, err := db.w.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: updating %s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: updating %s: %w", what, err)
	}
	if n == 0 {
		return notFound(what, id)
	}
	return nil
}

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s store.Session) error {
	now := stamp(time.Time{})
	if s.CreatedAt.IsZero() {
		s.CreatedAt = now
	}
	if s.LastSeen.IsZero() {
		s.LastSeen = s.CreatedAt
	}
	_, err := db.w.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen, remote)
		VALUES ($1, $2, $3, $4, $5, $6)`, s.TokenHash, int64(s.UserID), s.CSRF, moment(s.CreatedAt), moment(s.LastSeen), s.Remote)
	switch {
	case isUnique(err):
		return errs.E(errs.Conflict, "The session already exists")
	case isForeignKey(err):
		return notFound("user", s.UserID)
	case err != nil:
		return fmt.Errorf("store: creating session: %w", err)
	}
	return nil
}

// Session returns the session with a token hash.
func (db *DB) Session(ctx context.Context, tokenHash string) (store.Session, error) {
	s := store.Session{TokenHash: tokenHash}
	err := db.readRow(ctx, "SELECT user_id, csrf, created_at, last_seen, remote FROM sessions WHERE token_hash = $1", tokenHash).
		Scan(&s.UserID, &s.CSRF, timeScan{&s.CreatedAt}, timeScan{&s.LastSeen}, &s.Remote)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Session{}, errs.E(errs.NotFound, "There is no such session")
	}
	if err != nil {
		return store.Session{}, fmt.Errorf("store: reading session: %w", err)
	}
	return s, nil
}

// TouchSession records that a session was used.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, at time.Time) error {
	return db.updateOne(ctx, "session", "(hidden)", "UPDATE sessions SET last_seen = $2 WHERE token_hash = $1", tokenHash, stamp(at))
}

// DeleteSession ends a session. Ending one that does not exist is not an
// error: signing out twice is harmless.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := db.w.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = $1", tokenHash); err != nil {
		return fmt.Errorf("store: deleting session: %w", err)
	}
	return nil
}

// CreateToken stores a new API token.
func (db *DB) CreateToken(ctx context.Context, t store.Token) (store.Token, error) {
	t.CreatedAt = stamp(t.CreatedAt)
	if !t.LastUsed.IsZero() {
		t.LastUsed = stamp(t.LastUsed)
	}
	var id int64
	err := db.w.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, hash, created_at, last_used, revoked, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		int64(t.UserID), t.Name, t.Hash, t.CreatedAt, moment(t.LastUsed), t.Revoked, moment(t.ExpiresAt)).Scan(&id)
	switch {
	case isUnique(err):
		return store.Token{}, errs.E(errs.Conflict, "The token already exists")
	case isForeignKey(err):
		return store.Token{}, notFound("user", t.UserID)
	case err != nil:
		return store.Token{}, fmt.Errorf("store: creating token: %w", err)
	}
	t.ID = id
	if !t.ExpiresAt.IsZero() {
		t.ExpiresAt = stamp(t.ExpiresAt)
	}
	return t, nil
}

const tokenCols = "id, user_id, name, hash, created_at, last_used, revoked, expires_at"

func scanToken(sc interface{ Scan(...any) error }, t *store.Token) error {
	return sc.Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, timeScan{&t.CreatedAt}, timeScan{&t.LastUsed}, &t.Revoked, timeScan{&t.ExpiresAt})
}

// TokenByHash returns the token with a hash, revoked or not.
func (db *DB) TokenByHash(ctx context.Context, hash string) (store.Token, error) {
	var t store.Token
	err := scanToken(db.readRow(ctx, "SELECT "+tokenCols+" FROM api_tokens WHERE hash = $1", hash), &t)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Token{}, errs.E(errs.NotFound, "There is no such token")
	}
	if err != nil {
		return store.Token{}, fmt.Errorf("store: reading token: %w", err)
	}
	return t, nil
}

// TouchToken records that a token was used.
func (db *DB) TouchToken(ctx context.Context, id int64, at time.Time) error {
	return db.updateOne(ctx, "token", id, "UPDATE api_tokens SET last_used = $2 WHERE id = $1", id, stamp(at))
}

// Tokens returns a user's tokens, oldest first.
func (db *DB) Tokens(ctx context.Context, user access.UserID) ([]store.Token, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+tokenCols+" FROM api_tokens WHERE user_id = $1 ORDER BY id", int64(user))
	if err != nil {
		return nil, fmt.Errorf("store: reading tokens: %w", err)
	}
	defer rows.Close()
	out := []store.Token{}
	for rows.Next() {
		var t store.Token
		if err := scanToken(rows, &t); err != nil {
			return nil, fmt.Errorf("store: reading tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken revokes one of a user's tokens; another user's token is
// errs.NotFound.
func (db *DB) RevokeToken(ctx context.Context, user access.UserID, id int64) error {
	return db.updateOne(ctx, "token", id, "UPDATE api_tokens SET revoked = $3 WHERE id = $1 AND user_id = $2", id, int64(user), true)
}
