package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
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
		if err := db.subjects(ctx, ids[start:min(start+maxPerStmt, len(ids))], worker, team, out); err != nil {
			return nil, err
		}
	}
	for id, s := range out {
		sort.SliceStable(s.Involvements, func(i, j int) bool {
			return s.Involvements[i].StartDate.Before(s.Involvements[j].StartDate)
		})
		out[id] = s
	}
	return out, nil
}

func (db *DB) subjects(ctx context.Context, ids []people.ID, worker access.UserID, team access.TeamID, out map[people.ID]access.Subject) error {
	// The ids go in one JSON parameter, so that the text is the same for
	// one id (every page) as for many and its prepared statement is kept.
	list := idArray(ids)
	in := db.d.idsFromJSON("$1")
	only, args := "", []any{list}
	if worker != 0 || team != 0 {
		only, args = " AND (i.worker_id = $2 OR i.team_id = $3)", append(args, int64(worker), int64(team))
	}
	rows, err := db.read(ctx, `SELECT p.id, p.restricted, i.id, i.kind, i.team_id, i.worker_id, i.start_date, i.end_date, t.service_id
		FROM people p
		LEFT JOIN involvements i ON i.person_id = p.id`+only+`
		LEFT JOIN teams t ON t.id = i.team_id
		WHERE p.id IN (`+in+`) ORDER BY p.id, i.id`, args...)
	if err != nil {
		return fmt.Errorf("store: reading access facts: %w", err)
	}
	for rows.Next() {
		var (
			pid        people.ID
			restricted bool
			invID      sql.NullInt64
			kind       sql.NullString
			team       access.TeamID
			worker     access.UserID
			start, end civil.Date
			service    access.ServiceID
		)
		if err := rows.Scan(&pid, &restricted, &invID, &kind, idScan[access.TeamID]{&team}, idScan[access.UserID]{&worker},
			&start, &end, idScan[access.ServiceID]{&service}); err != nil {
			rows.Close()
			return fmt.Errorf("store: reading access facts: %w", err)
		}
		s, ok := out[pid]
		if !ok {
			s = access.Subject{PersonID: pid, Restricted: restricted, TeamServices: map[access.TeamID]access.ServiceID{}}
		}
		if invID.Valid {
			s.Involvements = append(s.Involvements, access.Involvement{
				PersonID: pid, Kind: kind.String, TeamID: team, WorkerID: worker, StartDate: start, EndDate: end,
			})
			if team != 0 {
				s.TeamServices[team] = service
			}
		}
		out[pid] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: reading access facts: %w", err)
	}

	rows, err = db.read(ctx, `SELECT person_id, user_id, reason, granted_by, valid_from, valid_until
		FROM grants WHERE person_id IN (`+in+`) ORDER BY id`, list)
	if err != nil {
		return fmt.Errorf("store: reading grants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g access.Grant
		if err := rows.Scan(&g.PersonID, &g.UserID, &g.Reason, idScan[access.UserID]{&g.GrantedBy},
			timeScan{&g.From}, timeScan{&g.Until}); err != nil {
			return fmt.Errorf("store: reading grants: %w", err)
		}
		if s, ok := out[g.PersonID]; ok {
			s.Grants = append(s.Grants, g)
			out[g.PersonID] = s
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: reading grants: %w", err)
	}
	return nil
}
