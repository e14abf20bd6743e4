package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
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

// userKind is a user's account to the versioning mechanism (versioned.go).
// Its current row is in users, with its roles in user_roles. The version's
// body is the account as access.User encodes it: username, name, roles,
// team, disabled, created_at. The password hash is not part of the account's
// versions: it is written only to users.password_hash (see CreateUser and
// SetPassword), so that no version ever holds it.
var userKind = newKind(&recordKind[access.User]{
	kind:    store.KindUser,
	noun:    "user",
	table:   "users",
	refers:  "a team",
	key:     func(u access.User) (int64, int) { return int64(u.ID), u.Version },
	setKey:  func(u *access.User, id int64, v int) { u.ID, u.Version = access.UserID(id), v },
	insert:  insertUser,
	replace: replaceUser,
})

// userWriteErr names the field a refused write of a user broke: a username
// another user has, or a team that does not exist.
func userWriteErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errs.As(err) != nil:
		return err
	case isUnique(err) && strings.Contains(err.Error(), "sso_subject"):
		return conflict("sso_subject", "Another user already has this single sign-on subject", err)
	case isUnique(err):
		return conflict("username", "Another user already has this username", err)
	case isForeignKey(err):
		return &errs.Error{Code: errs.Invalid, Message: "There is no such team",
			Fields: []errs.Field{{Field: "team_id", Message: "There is no such team"}}, Err: err}
	}
	return err
}

// insertUser writes a new user's current row and roles, with no password
// (CreateUser sets it in the same transaction).
func insertUser(ctx context.Context, t *txn, u access.User, _ store.Change) error {
	_, err := t.tx.ExecContext(ctx, "INSERT INTO users (id, version, username, display_name, team_id, disabled, created_at, sso_subject)"+t.db.d.overriding+
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		int64(u.ID), u.Version, u.Username, u.DisplayName, nullID(u.TeamID), u.Disabled, u.CreatedAt, nullString(u.SSOSubject))
	if err != nil {
		return userWriteErr(err)
	}
	return userWriteErr(writeRoles(ctx, t.tx, u.ID, u.Roles))
}

// replaceUser rewrites a user's current row and roles for a new version. The
// password hash and created_at are left as they are.
func replaceUser(ctx context.Context, t *txn, u access.User, _ store.Change) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE users SET version = $2, username = $3, display_name = $4, team_id = $5, disabled = $6, sso_subject = $7 WHERE id = $1",
		int64(u.ID), u.Version, u.Username, u.DisplayName, nullID(u.TeamID), u.Disabled, nullString(u.SSOSubject))
	if err != nil {
		return userWriteErr(err)
	}
	return userWriteErr(writeRoles(ctx, t.tx, u.ID, u.Roles))
}

// writeRoles replaces a user's roles, keeping their order.
func writeRoles(ctx context.Context, tx *sql.Tx, id access.UserID, roles []access.Role) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM user_roles WHERE user_id = $1", int64(id)); err != nil {
		return err
	}
	for pos, r := range roles {
		if _, err := tx.ExecContext(ctx, "INSERT INTO user_roles (user_id, role, position) VALUES ($1, $2, $3)", int64(id), string(r), pos); err != nil {
			return err
		}
	}
	return nil
}

// normaliseUser is a user as stored: the username in lower case, each role
// once, in the order first given, and never a nil list, so that the version
// written is the account that a read returns.
func normaliseUser(u access.User) access.User {
	u.Username = normaliseUsername(u.Username)
	roles := make([]access.Role, 0, len(u.Roles))
	for _, r := range u.Roles {
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	u.Roles = roles
	return u
}

// CreateUser adds a user with a password hash, as version 1 of their
// account, written with c. The username is stored in lower case; one that
// another user has (in any case) is errs.Conflict.
func (db *DB) CreateUser(ctx context.Context, u access.User, passwordHash string, c store.Change) (access.User, error) {
	u = normaliseUser(u)
	u.CreatedAt = stamp(u.CreatedAt)
	return inTx(ctx, db, func(t *txn) (access.User, error) {
		u, err := create(ctx, t, userKind, u, c)
		if err != nil {
			return access.User{}, err
		}
		if _, err := t.tx.ExecContext(ctx, "UPDATE users SET password_hash = $2 WHERE id = $1", int64(u.ID), passwordHash); err != nil {
			return access.User{}, fmt.Errorf("store: setting the password of user %d: %w", u.ID, err)
		}
		return u, nil
	})
}

// UpdateUser writes version u.Version+1 of a user's account (username, name,
// team, roles, whether it is disabled) if u.Version is still the latest;
// otherwise errs.Conflict, and nothing is written. When the account was made
// is kept as it was, whatever u says.
func (db *DB) UpdateUser(ctx context.Context, u access.User, c store.Change) (access.User, error) {
	u = normaliseUser(u)
	return inTx(ctx, db, func(t *txn) (access.User, error) {
		err := t.tx.QueryRowContext(ctx, "SELECT created_at FROM users WHERE id = $1", int64(u.ID)).Scan(timeScan{&u.CreatedAt})
		if errors.Is(err, sql.ErrNoRows) {
			return access.User{}, notFound("user", u.ID)
		}
		if err != nil {
			return access.User{}, fmt.Errorf("store: reading user %d: %w", u.ID, err)
		}
		return update(ctx, t, userKind, u, c)
	})
}

var qUserHistory = historyQuery("$2")

// UserHistory returns every version of a user's account, oldest first.
func (db *DB) UserHistory(ctx context.Context, id access.UserID) ([]store.Version[access.User], error) {
	return history(ctx, db, userKind, qUserHistory, int64(id))
}

const userCols = "id, version, username, display_name, team_id, disabled, created_at, sso_subject"

func scanUser(sc interface{ Scan(...any) error }, u *access.User) error {
	var sub sql.NullString
	err := sc.Scan(&u.ID, &u.Version, &u.Username, &u.DisplayName, idScan[access.TeamID]{&u.TeamID}, &u.Disabled, timeScan{&u.CreatedAt}, &sub)
	u.SSOSubject = sub.String
	return err
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

// UserBySSOSubject returns the user the identity provider knows by subject
// ("issuer#sub").
func (db *DB) UserBySSOSubject(ctx context.Context, subject string) (access.User, error) {
	if subject == "" {
		return access.User{}, errs.E(errs.NotFound, "There is no user with an empty subject")
	}
	return db.oneUser(ctx, "sso_subject = $1", subject, "with that subject")
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

// UserNames returns the display names of the users ids names, read in one
// statement (the ids as one JSON array, so that the statement is the same
// whatever their number). A page naming the workers of its records read
// them one by one, two statements each.
func (db *DB) UserNames(ctx context.Context, ids []access.UserID) (map[access.UserID]string, error) {
	out := make(map[access.UserID]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := db.read(ctx, "SELECT id, display_name FROM users WHERE id IN ("+db.d.idsFromJSON("$1")+")", idArray(ids))
	if err != nil {
		return nil, fmt.Errorf("store: reading users' names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id   access.UserID
			name string
		)
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("store: reading users' names: %w", err)
		}
		out[id] = name
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading users' names: %w", err)
	}
	return out, nil
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

// Credentials returns a user's password hash.
func (db *DB) Credentials(ctx context.Context, id access.UserID) (store.Credentials, error) {
	c := store.Credentials{UserID: id}
	err := db.readRow(ctx, "SELECT password_hash FROM users WHERE id = $1", int64(id)).Scan(&c.PasswordHash)
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
	_, err := db.w.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen, remote, method)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, s.TokenHash, int64(s.UserID), s.CSRF, moment(s.CreatedAt), moment(s.LastSeen), s.Remote, sessionMethod(s.Method))
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

// sessionMethod is how a session began, as stored: a password unless said.
func sessionMethod(m string) string {
	if m == "" {
		return store.SignInPassword
	}
	return m
}

// Session returns the session with a token hash.
func (db *DB) Session(ctx context.Context, tokenHash string) (store.Session, error) {
	s := store.Session{TokenHash: tokenHash}
	err := db.readRow(ctx, "SELECT user_id, csrf, created_at, last_seen, remote, method FROM sessions WHERE token_hash = $1", tokenHash).
		Scan(&s.UserID, &s.CSRF, timeScan{&s.CreatedAt}, timeScan{&s.LastSeen}, &s.Remote, &s.Method)
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

// CreateToken stores a new API token, and marks the access-log line of c
// written in the same transaction (see markWritten).
func (db *DB) CreateToken(ctx context.Context, t store.Token, c store.Change) (store.Token, error) {
	t.CreatedAt = stamp(t.CreatedAt)
	if !t.LastUsed.IsZero() {
		t.LastUsed = stamp(t.LastUsed)
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, hash, created_at, last_used, revoked, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			int64(t.UserID), t.Name, t.Hash, t.CreatedAt, moment(t.LastUsed), t.Revoked, moment(t.ExpiresAt)).Scan(&t.ID)
		switch {
		case isUnique(err):
			return errs.E(errs.Conflict, "The token already exists")
		case isForeignKey(err):
			return notFound("user", t.UserID)
		case err != nil:
			return fmt.Errorf("store: creating token: %w", err)
		}
		// The line is about the account the token opens.
		return markWritten(ctx, tx, c, 0, int64(t.UserID))
	})
	if err != nil {
		return store.Token{}, err
	}
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

// RevokeToken revokes one of a user's tokens, and marks the access-log line
// of c written in the same transaction; another user's token is
// errs.NotFound.
func (db *DB) RevokeToken(ctx context.Context, user access.UserID, id int64, c store.Change) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE api_tokens SET revoked = $3 WHERE id = $1 AND user_id = $2", id, int64(user), true)
		if err != nil {
			return fmt.Errorf("store: revoking token: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: revoking token: %w", err)
		} else if n == 0 {
			return notFound("token", id)
		}
		return markWritten(ctx, tx, c, 0, int64(user))
	})
}

// nullString stores "" ("none") as NULL, so that a unique index skips it.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
