package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The register of foster households. Each household is a versioned record
// of kind 'household' with a row in households holding the columns the
// register is listed and filtered by; its versions' bodies hold the rest.

// householdKind is the household to the versioning mechanism (versioned.go).
// A household is about no person, so its access-log lines name none.
var householdKind = newKind(&recordKind[care.Household]{
	kind:    store.KindHousehold,
	noun:    "household",
	table:   "households",
	refers:  "a user",
	key:     func(h care.Household) (int64, int) { return int64(h.ID), h.Version },
	setKey:  func(h *care.Household, id int64, v int) { h.ID, h.Version = care.HouseholdID(id), v },
	insert:  insertHousehold,
	replace: replaceHousehold,
})

// insertHousehold writes a new household's current row. recorded_at,
// recorded_by and reason stay the first version's.
func insertHousehold(ctx context.Context, t *txn, h care.Household, c store.Change) error {
	_, err := t.tx.ExecContext(ctx, "INSERT INTO households (id, version, name, type, deregistered, recorded_at, recorded_by, reason)"+t.db.d.overriding+
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		int64(h.ID), h.Version, h.Name, h.Type, h.Deregistered, c.At, nullID(c.By), c.Reason)
	return err
}

// replaceHousehold moves a household's row to its new version.
func replaceHousehold(ctx context.Context, t *txn, h care.Household, _ store.Change) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE households SET version = $2, name = $3, type = $4, deregistered = $5 WHERE id = $1",
		int64(h.ID), h.Version, h.Name, h.Type, h.Deregistered)
	return err
}

// CreateHousehold writes a new household as version 1.
func (t *txn) CreateHousehold(ctx context.Context, h care.Household, c store.Change) (care.Household, error) {
	return create(ctx, t, householdKind, h, c)
}

// UpdateHousehold writes version h.Version+1 if h.Version is still the
// latest.
func (t *txn) UpdateHousehold(ctx context.Context, h care.Household, c store.Change) (care.Household, error) {
	return update(ctx, t, householdKind, h, c)
}

// CreateHousehold writes a new household as version 1.
func (db *DB) CreateHousehold(ctx context.Context, h care.Household, c store.Change) (care.Household, error) {
	return inTx(ctx, db, func(t *txn) (care.Household, error) { return t.CreateHousehold(ctx, h, c) })
}

// UpdateHousehold writes version h.Version+1 if h.Version is still the
// latest.
func (db *DB) UpdateHousehold(ctx context.Context, h care.Household, c store.Change) (care.Household, error) {
	return inTx(ctx, db, func(t *txn) (care.Household, error) { return t.UpdateHousehold(ctx, h, c) })
}

// Household returns a household as it stands.
func (db *DB) Household(ctx context.Context, id care.HouseholdID) (care.Household, error) {
	return read(ctx, db, householdKind, int64(id), time.Time{})
}

var qHouseholdHistory = historyQuery("SELECT id FROM households WHERE id = $2")

// HouseholdHistory returns every version of a household, oldest first.
func (db *DB) HouseholdHistory(ctx context.Context, id care.HouseholdID) ([]store.Version[care.Household], error) {
	vs, err := history(ctx, db, householdKind, qHouseholdHistory, int64(id))
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, notFound("household", int64(id))
	}
	return vs, nil
}

// qHouseholds lists the register: each household's current version. $2 and
// $3 are the type (empty for any) and the ended filter (0 any,
// 1 still on the register on $4, 2 left it by $4). The filters are written
// into one statement, so that its prepared statement serves every filter.
const qHouseholds = `SELECT c.id, c.version, v.body FROM households c
	JOIN record_versions v ON v.kind = $1 AND v.record_id = c.id AND v.version = c.version
	WHERE ($2 = '' OR c.type = $2)
	  AND ($3 = 0 OR ($3 = 1 AND (c.deregistered IS NULL OR c.deregistered > $4)) OR ($3 = 2 AND c.deregistered <= $4))
	ORDER BY c.id`

// Households returns the households q keeps, by name then id.
func (db *DB) Households(ctx context.Context, q store.HouseholdQuery) ([]care.Household, error) {
	ended := 0
	if q.Ended != nil {
		ended = 1
		if *q.Ended {
			ended = 2
		}
	}
	// The day is passed as text whatever the filter, so that PostgreSQL
	// can type $4 the same way each time.
	on := q.On.String()
	if q.On.IsZero() {
		on = "0001-01-01"
	}
	rows, err := db.read(ctx, qHouseholds, string(store.KindHousehold), q.Type, ended, on)
	if err != nil {
		return nil, fmt.Errorf("store: reading the register of households: %w", err)
	}
	out, err := decodeRows(householdKind, rows)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []care.Household{}
	}
	// Sorted here, byte by byte: PostgreSQL's ORDER BY follows the
	// database's collation (which passes over spaces and case at first),
	// SQLite's compares bytes, and the register must read the same on both.
	slices.SortStableFunc(out, func(a, b care.Household) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return out, nil
}

// qOpenEpisodes reads the episodes of care open on $2: started on or before
// it, and with no end or one after it (an episode ends on the day the child
// left, so on that day they are no longer in it). The two halves let each
// use an index: journey_records_open for those with no end, and
// journey_records_kind_end (migration 0012) for those ending later. There
// are some hundreds of open episodes at scale 1, so the household each
// names is judged here in Go, from the record's body, rather than kept in a
// column of the journey's table.
const qOpenEpisodes = `SELECT id, version, body FROM journey_records WHERE kind = $1 AND end_date IS NULL AND start_date <= $2
	UNION ALL
	SELECT id, version, body FROM journey_records WHERE kind = $1 AND end_date > $2 AND start_date <= $2`

// openEpisodes returns the episodes of care open on the day now falls on in
// London, one for each child (the latest started, should a child's records
// ever overlap), by child.
func (db *DB) openEpisodes(ctx context.Context, now time.Time) ([]journey.Record, error) {
	today := civil.OfLondon(now)
	rows, err := db.read(ctx, qOpenEpisodes, string(journey.KindCareEpisode), today)
	if err != nil {
		return nil, fmt.Errorf("store: reading open episodes of care: %w", err)
	}
	all, err := decodeRows(journeyKind, rows)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(all, func(a, b journey.Record) int {
		return cmp.Or(cmp.Compare(a.PersonID, b.PersonID), -a.Start.Compare(b.Start), -cmp.Compare(a.ID, b.ID))
	})
	out := make([]journey.Record, 0, len(all))
	for i, r := range all {
		if r.CareEpisode == nil || i > 0 && all[i-1].PersonID == r.PersonID {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// HouseholdChildren returns the children whose open episode of care names
// the household, with their summaries and subjects.
func (db *DB) HouseholdChildren(ctx context.Context, id care.HouseholdID, now time.Time) ([]store.PlacedChild, error) {
	eps, err := db.openEpisodes(ctx, now)
	if err != nil {
		return nil, err
	}
	byChild := map[people.ID]journey.Record{}
	var ids []people.ID
	for _, r := range eps {
		if r.CareEpisode.Household == id {
			byChild[r.PersonID] = r
			ids = append(ids, r.PersonID)
		}
	}
	out := []store.PlacedChild{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := db.read(ctx, "SELECT "+summaryCols+" FROM people p WHERE p.id IN ("+db.d.idsFromJSON("$1")+") ORDER BY p.family_name, p.given_name, p.id", idArray(ids))
	sums, err := summaries(rows, err)
	if err != nil {
		return nil, fmt.Errorf("store: reading the children of household %d: %w", id, err)
	}
	subjects, err := db.Subjects(ctx, ids, now)
	if err != nil {
		return nil, err
	}
	for _, s := range sums {
		out = append(out, store.PlacedChild{Person: s, Subject: subjects[s.ID], Episode: byChild[s.ID]})
	}
	return out, nil
}

// FosterCounts counts the children in foster placements today by
// provider, from each child's open episode of care.
func (db *DB) FosterCounts(ctx context.Context, now time.Time) (care.FosterCounts, error) {
	eps, err := db.openEpisodes(ctx, now)
	if err != nil {
		return care.FosterCounts{}, err
	}
	details := make([]care.Episode, len(eps))
	for i, r := range eps {
		details[i] = *r.CareEpisode
	}
	return care.CountFoster(details), nil
}
