package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"hearth/internal/access"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// Supporting Families' claims (migration 0022): a versioned kind whose
// current row holds the child it is keyed to, the day its window closes
// and its status; the version's body holds the rest. Its writes mark the
// child on their access-log line, as the journey's do.

var claimKind = newKind(&recordKind[programme.Claim]{
	kind:   store.KindClaim,
	noun:   "claim",
	table:  "family_claims",
	refers: "a person or user",
	key:    func(c programme.Claim) (int64, int) { return int64(c.ID), c.Version },
	setKey: func(c *programme.Claim, id int64, v int) { c.ID, c.Version = programme.ClaimID(id), v },
	person: func(c programme.Claim) people.ID { return c.Person },
	insert: func(ctx context.Context, t *txn, c programme.Claim, _ store.Change) error {
		_, err := t.tx.ExecContext(ctx, "INSERT INTO family_claims (id, version, person_id, family, window_closes, status)"+t.db.d.overriding+" VALUES ($1, $2, $3, $4, $5, $6)",
			int64(c.ID), c.Version, int64(c.Person), c.Family, c.Window.Closes.String(), string(c.Status))
		return err
	},
	replace: func(ctx context.Context, t *txn, c programme.Claim, _ store.Change) error {
		return keep("person", "A claim stays with the family it was made for")(t.tx.ExecContext(ctx,
			"UPDATE family_claims SET version = $2, family = $4, window_closes = $5, status = $6 WHERE id = $1 AND person_id = $3",
			int64(c.ID), c.Version, int64(c.Person), c.Family, c.Window.Closes.String(), string(c.Status)))
	},
	unique: conflictOn("family", "This family has a claim in this claim window already"),
})

func (t *txn) CreateClaim(ctx context.Context, c programme.Claim, ch store.Change) (programme.Claim, error) {
	return create(ctx, t, claimKind, c, ch)
}
func (t *txn) UpdateClaim(ctx context.Context, c programme.Claim, ch store.Change) (programme.Claim, error) {
	return update(ctx, t, claimKind, c, ch)
}
func (db *DB) CreateClaim(ctx context.Context, c programme.Claim, ch store.Change) (programme.Claim, error) {
	return inTx(ctx, db, func(t *txn) (programme.Claim, error) { return t.CreateClaim(ctx, c, ch) })
}
func (db *DB) UpdateClaim(ctx context.Context, c programme.Claim, ch store.Change) (programme.Claim, error) {
	return inTx(ctx, db, func(t *txn) (programme.Claim, error) { return t.UpdateClaim(ctx, c, ch) })
}

const qClaimsCurrent = "SELECT c.id, c.version, v.body FROM family_claims c JOIN record_versions v ON v.kind = $1 AND v.record_id = c.id AND v.version = c.version"

var (
	qPersonClaims = qClaimsCurrent + " WHERE c.person_id = $2"
	qClaimHistory = historyQuery("SELECT id FROM family_claims WHERE id = $2 AND person_id = $3")
	// A year's claims are a range of window_closes, which is written
	// yyyy-mm-dd so that text order is date order.
	qYearClaims = qClaimsCurrent + " WHERE c.window_closes BETWEEN $2 AND $3"
	qClaimants  = "SELECT " + summaryCols + " FROM people p WHERE p.id IN (SELECT person_id FROM family_claims WHERE window_closes BETWEEN $1 AND $2) ORDER BY p.id"
)

// claimOrder sorts claims by the day their window closes, then id.
func claimOrder(a, b programme.Claim) int {
	return cmp.Or(a.Window.Closes.Compare(b.Window.Closes), cmp.Compare(a.ID, b.ID))
}

// claims runs a query of qClaimsCurrent's columns and sorts what it reads.
func (db *DB) claims(ctx context.Context, q string, args ...any) ([]programme.Claim, error) {
	rows, err := db.read(ctx, q, append([]any{string(store.KindClaim)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: reading claims: %w", err)
	}
	out, err := decodeRows(claimKind, rows)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []programme.Claim{}
	}
	slices.SortFunc(out, claimOrder)
	return out, nil
}

// Claims returns the permit's child's claims.
func (db *DB) Claims(ctx context.Context, pm access.Permit) ([]programme.Claim, error) {
	id, err := permitted(pm, "claims")
	if err != nil {
		return nil, err
	}
	return db.claims(ctx, qPersonClaims, id)
}

// ClaimHistory returns the versions of one of the permit's child's claims.
func (db *DB) ClaimHistory(ctx context.Context, pm access.Permit, id programme.ClaimID) ([]store.Version[programme.Claim], error) {
	pid, err := permitted(pm, "claim history")
	if err != nil {
		return nil, err
	}
	out, err := history(ctx, db, claimKind, qClaimHistory, int64(id), pid)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, notFound("claim", id)
	}
	return out, nil
}

// Claimants returns the children with a claim in year y.
func (db *DB) Claimants(ctx context.Context, y programme.Year) ([]store.PersonSummary, error) {
	rows, err := db.read(ctx, qClaimants, y.First().String(), y.Last().String())
	if err != nil {
		return nil, fmt.Errorf("store: reading claimants: %w", err)
	}
	out := []store.PersonSummary{}
	if err := scanAll(rows, func(rows *sql.Rows) error { return scanSummary(rows, &out) }); err != nil {
		return nil, fmt.Errorf("store: reading claimants: %w", err)
	}
	return out, nil
}

// ClaimsOf returns year y's claims of the permits' children, in one
// statement for each five hundred children.
func (db *DB) ClaimsOf(ctx context.Context, ps []access.Permit, y programme.Year) ([]programme.Claim, error) {
	ids := make([]people.ID, 0, len(ps))
	for _, pm := range ps {
		id, err := permitted(pm, "claims")
		if err != nil {
			return nil, err
		}
		ids = append(ids, people.ID(id))
	}
	ids = uniqueIDs(ids)
	q := qYearClaims + " AND c.person_id IN (" + db.d.idsFromJSON("$4") + ")"
	out := []programme.Claim{}
	for start := 0; start < len(ids); start += maxPerStmt {
		part, err := db.claims(ctx, q, y.First().String(), y.Last().String(), idArray(ids[start:min(start+maxPerStmt, len(ids))]))
		if err != nil {
			return nil, err
		}
		out = append(out, part...)
	}
	slices.SortFunc(out, claimOrder)
	return out, nil
}

// YearClaims returns every claim of year y.
func (db *DB) YearClaims(ctx context.Context, bp access.BulkPermit, y programme.Year) ([]programme.Claim, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	return db.claims(ctx, qYearClaims, y.First().String(), y.Last().String())
}
