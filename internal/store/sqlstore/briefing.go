package sqlstore

import (
	"context"
	"fmt"
	"slices"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The daily briefing of the missing and exploitation hub: the setting that
// names the hub's team, and the read of every child missing or at risk.

// hubSetting is the body of the hub setting: an object rather than a bare
// number, so that its history reads as what it is.
type hubSetting struct {
	Team access.TeamID `json:"team_id"`
}

// hubName is the name of the hub setting in settings.
const hubName = "briefing_hub"

var hubKind = settingKind[hubSetting]()

// HubTeam returns the team named as the hub and its version, or 0 and
// version 0 if none has been named.
func (db *DB) HubTeam(ctx context.Context) (access.TeamID, int, error) {
	s, v, err := readSetting(ctx, db, hubKind, hubName)
	return s.Team, v, err
}

// SetHubTeam names the hub's team as the version after version, if that
// is still the latest.
func (db *DB) SetHubTeam(ctx context.Context, team access.TeamID, version int, c store.Change) (int, error) {
	return writeSetting(ctx, db, hubKind, hubName, hubSetting{Team: team}, version, c, nil)
}

// HubTeamHistory returns every version of the hub setting, oldest first.
func (db *DB) HubTeamHistory(ctx context.Context) ([]store.Version[access.TeamID], error) {
	vs, err := settingHistory(ctx, db, hubKind, hubName)
	if err != nil {
		return nil, err
	}
	out := make([]store.Version[access.TeamID], len(vs))
	for i, v := range vs {
		out[i] = store.Version[access.TeamID]{Version: v.Version, RecordedAt: v.RecordedAt, By: v.By, ByName: v.ByName, Reason: v.Reason, Record: v.Record.Team}
	}
	return out, nil
}

// briefingChildren selects the children of the briefing: an open missing
// episode, a screening since $1 that found a medium or high risk, or a MACE
// meeting since $2. Screenings and meetings happen on one day and never
// have an end, so every one of them is in the index of open records
// (journey_records_open, by kind). One select for each kind lets SQLite
// search that index for each: written as one select with OR, it scanned
// the whole table (about 200 ms over 125,000 records, against under 1 ms).
//
// The risks are codes written as JSON strings ("medium", "high"), so the
// LIKE keeps every screening that found one of them (and perhaps a few
// more, which the caller's rule drops): of the screenings in the last year
// most find no more than a low risk, and their children need not be read.
var briefingChildren = func() string {
	q := func(k journey.Kind) string { return "'" + string(k) + "'" }
	return `SELECT person_id FROM journey_records WHERE kind = ` + q(journey.KindMissing) + ` AND end_date IS NULL
		UNION SELECT person_id FROM journey_records WHERE kind = ` + q(journey.KindScreening) + ` AND end_date IS NULL AND start_date >= $1
			AND (body LIKE '%"medium"%' OR body LIKE '%"high"%')
		UNION SELECT person_id FROM journey_records WHERE kind = ` + q(journey.KindMACE) + ` AND end_date IS NULL AND start_date >= $2`
}()

// briefingRecords reads the records of the briefing's children (ids, a
// subquery) that the briefing is made from: those that made them its
// children, their other screenings and meetings since $1 and $2, and their
// allocation and episode of care open on $3; each row with the child's
// summary. Every child selected has at least one such record (the one that
// selected them). The kinds are also named on their own, so that the
// records are found in journey_records_person_kind by child and kind
// (migration 0015) rather than by reading every record of each child (a
// child of the briefing has about fifty).
func briefingRecords(ids string) string {
	q := func(k journey.Kind) string { return "'" + string(k) + "'" }
	return `SELECT ` + summaryCols + `, j.id, j.version, j.body FROM journey_records j JOIN people p ON p.id = j.person_id
	WHERE j.person_id IN (` + ids + `)
	AND j.kind IN (` + q(journey.KindMissing) + `, ` + q(journey.KindScreening) + `, ` + q(journey.KindMACE) + `, ` + q(journey.KindAllocation) + `, ` + q(journey.KindCareEpisode) + `) AND (
		(j.end_date IS NULL AND (j.kind = ` + q(journey.KindMissing) + `
			OR (j.kind = ` + q(journey.KindScreening) + ` AND j.start_date >= $1)
			OR (j.kind = ` + q(journey.KindMACE) + ` AND j.start_date >= $2)))
		OR (j.kind IN (` + q(journey.KindAllocation) + `, ` + q(journey.KindCareEpisode) + `) AND (j.end_date IS NULL OR j.end_date >= $3)))`
}

// BriefingChildren returns the children of the briefing with their
// records, in two statements whatever their number: the children, then
// their records. In one statement, with the children as a subquery,
// PostgreSQL took the fifty-odd children for thousands (it cannot know
// how few missing episodes are open) and read every person of the
// council to join them: 80 ms, against a few for the two.
func (db *DB) BriefingChildren(ctx context.Context, bp access.BulkPermit, q store.BriefingQuery) ([]store.BriefingChild, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	if bp.Action() != access.ReadBriefing {
		return nil, errs.Wrap(fmt.Errorf("store: the briefing read with a permit for %s", bp.Action()), "Records were read without an access decision")
	}
	ids, err := db.briefingChildIDs(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return []store.BriefingChild{}, nil
	}
	rows, err := db.read(ctx, briefingRecords(db.d.idsFromJSON("$4")), q.ScreenedSince, q.MACESince, q.Today, idArray(ids))
	if err != nil {
		return nil, fmt.Errorf("store: reading the briefing: %w", err)
	}
	defer rows.Close()
	var out []store.BriefingChild
	at := map[people.ID]int{}
	for rows.Next() {
		var (
			s    store.PersonSummary
			id   int64
			v    int
			body []byte
		)
		if err := rows.Scan(&s.ID, &s.GivenName, &s.FamilyName, &s.DateOfBirth, &s.Postcode, &s.Restricted, &id, &v, &body); err != nil {
			return nil, fmt.Errorf("store: reading the briefing: %w", err)
		}
		r, err := decode(journeyKind, body, id, v)
		if err != nil {
			return nil, err
		}
		i, ok := at[s.ID]
		if !ok {
			i = len(out)
			at[s.ID] = i
			out = append(out, store.BriefingChild{Person: s})
		}
		out[i].Records = append(out[i].Records, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the briefing: %w", err)
	}
	for _, c := range out {
		slices.SortFunc(c.Records, byStart)
	}
	if out == nil {
		out = []store.BriefingChild{}
	}
	return out, nil
}

// briefingChildIDs returns the ids of the briefing's children.
func (db *DB) briefingChildIDs(ctx context.Context, q store.BriefingQuery) ([]people.ID, error) {
	rows, err := db.read(ctx, briefingChildren, q.ScreenedSince, q.MACESince)
	if err != nil {
		return nil, fmt.Errorf("store: reading the briefing's children: %w", err)
	}
	defer rows.Close()
	var ids []people.ID
	for rows.Next() {
		var id people.ID
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: reading the briefing's children: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the briefing's children: %w", err)
	}
	return ids, nil
}
