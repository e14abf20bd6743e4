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
	return writeSetting(ctx, db, hubKind, hubName, hubSetting{Team: team}, version, c)
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
// episode, or a screening or MACE meeting since $1 or $2. Screenings and
// meetings happen on one day and never have an end, so every one of them
// is in the index of open records (journey_records_open, by kind), which
// the end_date condition lets the planner use: the briefing reads the few
// hundred records of these three kinds, not the whole table.
var briefingChildren = func() string {
	q := func(k journey.Kind) string { return "'" + string(k) + "'" }
	return `SELECT person_id FROM journey_records WHERE end_date IS NULL AND (kind = ` + q(journey.KindMissing) + `
		OR (kind = ` + q(journey.KindScreening) + ` AND start_date >= $1)
		OR (kind = ` + q(journey.KindMACE) + ` AND start_date >= $2))`
}()

// qBriefingPeople reads the briefing's children; qBriefingRecords their
// records that the briefing is made from: the same, with the allocation
// and episode of care open on $3.
var (
	qBriefingPeople  = "SELECT " + summaryCols + " FROM people p WHERE p.id IN (" + briefingChildren + ")"
	qBriefingRecords = func() string {
		q := func(k journey.Kind) string { return "'" + string(k) + "'" }
		return `SELECT j.id, j.version, j.body FROM journey_records j WHERE j.person_id IN (` + briefingChildren + `) AND (
		(j.end_date IS NULL AND (j.kind = ` + q(journey.KindMissing) + `
			OR (j.kind = ` + q(journey.KindScreening) + ` AND j.start_date >= $1)
			OR (j.kind = ` + q(journey.KindMACE) + ` AND j.start_date >= $2)))
		OR (j.kind IN (` + q(journey.KindAllocation) + `, ` + q(journey.KindCareEpisode) + `) AND (j.end_date IS NULL OR j.end_date >= $3)))`
	}()
)

// BriefingChildren returns the children of the briefing with their
// records, in two statements whatever their number.
func (db *DB) BriefingChildren(ctx context.Context, bp access.BulkPermit, q store.BriefingQuery) ([]store.BriefingChild, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	if bp.Action() != access.ReadBriefing {
		return nil, errs.Wrap(fmt.Errorf("store: the briefing read with a permit for %s", bp.Action()), "Records were read without an access decision")
	}
	rows, err := db.read(ctx, qBriefingPeople, q.ScreenedSince, q.MACESince)
	sums, err := summaries(rows, err)
	if err != nil {
		return nil, fmt.Errorf("store: reading the briefing: %w", err)
	}
	rows, err = db.read(ctx, qBriefingRecords, q.ScreenedSince, q.MACESince, q.Today)
	if err != nil {
		return nil, fmt.Errorf("store: reading the briefing: %w", err)
	}
	recs, err := decodeRows(journeyKind, rows)
	if err != nil {
		return nil, err
	}
	byChild := make(map[people.ID][]journey.Record, len(sums))
	for _, r := range recs {
		byChild[r.PersonID] = append(byChild[r.PersonID], r)
	}
	out := make([]store.BriefingChild, 0, len(sums))
	for _, s := range sums {
		rs := byChild[s.ID]
		slices.SortFunc(rs, byStart)
		out = append(out, store.BriefingChild{Person: s, Records: rs})
	}
	return out, nil
}
