package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// AddGrant opens a restricted record to one user (or records an opening by
// breaking the glass), and marks the access-log line of c written in the
// same transaction. A zero From is now; a zero Until is stored as none (and
// a grant with no end is never current).
func (db *DB) AddGrant(ctx context.Context, g access.Grant, c store.Change) error {
	now := stamp(c.At)
	from := g.From
	if from.IsZero() {
		from = now
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO grants (person_id, user_id, reason, granted_by, valid_from, valid_until, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			int64(g.PersonID), int64(g.UserID), g.Reason, nullID(g.GrantedBy), moment(from), moment(g.Until), now)
		if isForeignKey(err) {
			return &errs.Error{Code: errs.Invalid, Message: "The grant names a person or user that does not exist", Err: err}
		}
		if err != nil {
			return fmt.Errorf("store: adding grant: %w", err)
		}
		// The line is about the person whose record the grant opens.
		return markWritten(ctx, tx, c, g.PersonID, int64(g.PersonID))
	})
}

// Subject returns what Authorize needs to know about a person: whether the
// record is restricted, every involvement (past and present; Authorize
// judges which are open at now), every grant, and the service of each team
// involved.
func (db *DB) Subject(ctx context.Context, id people.ID, now time.Time) (access.Subject, error) {
	m, err := db.Subjects(ctx, []people.ID{id}, now)
	if err != nil {
		return access.Subject{}, err
	}
	s, ok := m[id]
	if !ok {
		return access.Subject{}, notFound("person", id)
	}
	return s, nil
}

// Subjects is Subject for many people, in two queries for each five hundred.
// People who do not exist are left out of the map.
func (db *DB) Subjects(ctx context.Context, ids []people.ID, now time.Time) (map[people.ID]access.Subject, error) {
	return db.subjectsOf(ctx, ids, 0, 0)
}

// subjectsOf is Subjects, or, with a worker or a team, Subjects holding of
// each person's involvements only that worker's and that team's (a work
// list's reader: see store.WorkQuery.Reader).
func (db *DB) subjectsOf(ctx context.Context, ids []people.ID, worker access.UserID, team access.TeamID) (map[people.ID]access.Subject, error) {
	out := make(map[people.ID]access.Subject, len(ids))
	ids = uniqueIDs(ids)
	for start := 0; start < len(ids); start += maxPerStmt {
		// The ids go in one JSON parameter, so that the text is the same
		// for one id (every page) as for many and its prepared statement
		// is kept.
		kids, err := db.readSubjects(ctx, db.d.idsFromJSON("$1"), []any{idArray(ids[start:min(start+maxPerStmt, len(ids))])}, worker, team)
		if err != nil {
			return nil, err
		}
		for _, k := range kids {
			out[k.Person.ID] = k.Subject
		}
	}
	return out, nil
}

// readSubjects reads the people a statement selects (in, a SELECT of ids
// over args), in id order, each with their summary and their Subject: in
// one statement the people and their involvements (with a worker or a
// team, only that worker's and that team's, and the result marked
// Partial), and in a second their grants. A work list's statement goes in
// whole, so its children are found, summed up and given their Subjects
// without their ids going back and forth.
func (db *DB) readSubjects(ctx context.Context, in string, args []any, worker access.UserID, team access.TeamID) ([]store.WorkChild, error) {
	only, invArgs := "", args
	partial := worker != 0 || team != 0
	if partial {
		n := len(args)
		only = fmt.Sprintf(" AND (i.worker_id = $%d OR i.team_id = $%d)", n+1, n+2)
		invArgs = append(slices.Clip(args), int64(worker), int64(team))
	}
	rows, err := db.read(ctx, "SELECT "+summaryCols+`, i.id, i.kind, i.team_id, i.worker_id, i.start_date, i.end_date, t.service_id
		FROM people p
		LEFT JOIN involvements i ON i.person_id = p.id`+only+`
		LEFT JOIN teams t ON t.id = i.team_id
		WHERE p.id IN (`+in+`) ORDER BY p.id, i.id`, invArgs...)
	if err != nil {
		return nil, fmt.Errorf("store: reading access facts: %w", err)
	}
	var (
		out        []store.WorkChild
		p          store.PersonSummary
		invID      sql.NullInt64
		kind       sql.NullString
		invTeam    access.TeamID
		invWorker  access.UserID
		start, end civil.Date
		service    access.ServiceID
	)
	// One set of destinations for every row: a team's list is thousands of
	// rows, and destinations made afresh for each were most of its garbage.
	dest := []any{&p.ID, &p.GivenName, &p.FamilyName, &p.DateOfBirth, &p.Postcode, &p.Restricted,
		&invID, &kind, idScan[access.TeamID]{&invTeam}, idScan[access.UserID]{&invWorker},
		&start, &end, idScan[access.ServiceID]{&service}}
	err = scanAll(rows, func(rows *sql.Rows) error {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if len(out) == 0 || out[len(out)-1].Person.ID != p.ID {
			out = append(out, store.WorkChild{Person: p, Partial: partial, Subject: access.Subject{
				PersonID: p.ID, Restricted: p.Restricted, TeamServices: map[access.TeamID]access.ServiceID{}}})
		}
		if invID.Valid {
			s := &out[len(out)-1].Subject
			s.Involvements = append(s.Involvements, access.Involvement{
				PersonID: p.ID, Kind: kind.String, TeamID: invTeam, WorkerID: invWorker, StartDate: start, EndDate: end,
			})
			if invTeam != 0 {
				s.TeamServices[invTeam] = service
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: reading access facts: %w", err)
	}
	at := make(map[people.ID]int, len(out))
	for i, k := range out {
		at[k.Person.ID] = i
		sort.SliceStable(k.Subject.Involvements, func(i, j int) bool {
			return k.Subject.Involvements[i].StartDate.Before(k.Subject.Involvements[j].StartDate)
		})
	}
	err = db.readGrants(ctx, "SELECT "+grantCols+" FROM grants WHERE person_id IN ("+in+") ORDER BY id", args, func(g access.Grant) {
		if i, ok := at[g.PersonID]; ok {
			out[i].Subject.Grants = append(out[i].Subject.Grants, g)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

const grantCols = "person_id, user_id, reason, granted_by, valid_from, valid_until"

// readGrants reads the grants a statement selects (grantCols), oldest first,
// handing each to add.
func (db *DB) readGrants(ctx context.Context, query string, args []any, add func(access.Grant)) error {
	rows, err := db.read(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: reading grants: %w", err)
	}
	err = scanAll(rows, func(rows *sql.Rows) error {
		var g access.Grant
		if err := rows.Scan(&g.PersonID, &g.UserID, &g.Reason, idScan[access.UserID]{&g.GrantedBy},
			timeScan{&g.From}, timeScan{&g.Until}); err != nil {
			return err
		}
		add(g)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: reading grants: %w", err)
	}
	return nil
}
