package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The kinds of versioned record in record_versions.
const (
	kindPerson       = "person"
	kindRelationship = "relationship"
)

// identKind is one kind of identifier as person_identifiers holds it.
type identKind struct {
	kind   string // the value of person_identifiers.kind
	field  string // the field named in errors
	label  string // as a sentence names it
	unique bool   // at most one current person may hold a value
	value  func(people.Identifiers) string
}

var identKinds = []identKind{
	{"la_child_id", "identifiers.la_child_id", "LA child id", true, func(i people.Identifiers) string { return i.LAChildID }},
	{"nhs_number", "identifiers.nhs_number", "NHS number", true, func(i people.Identifiers) string { return i.NHSNumber }},
	{"upn", "identifiers.upn", "UPN", true, func(i people.Identifiers) string { return i.UPN }},
	{"former_upn", "identifiers.former_upn", "former UPN", false, func(i people.Identifiers) string { return i.FormerUPN }},
}

// normaliseIdentifier is how identifiers are stored and searched: without
// spaces, in upper case ("943 476 5919" and "9434765919" are one number).
func normaliseIdentifier(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// identConflict is the error for an identifier another person holds.
func identConflict(k identKind, row int) error {
	msg := "Another person already has this " + k.label
	field := k.field
	if row >= 0 {
		field = fmt.Sprintf("people[%d].%s", row, k.field)
		msg = fmt.Sprintf("Row %d: another person already has this %s", row+1, k.label)
	}
	return &errs.Error{Code: errs.Conflict, Message: msg, Fields: []errs.Field{{Field: field, Message: msg}}}
}

// errStale is the error for an update made to a version that is no longer
// the latest.
func errStale() error {
	return errs.E(errs.Conflict, "This record was changed by someone else since you opened it")
}

// personRow is a person with everything derived from it that the current
// tables hold.
type personRow struct {
	p         people.Person
	body      string
	givenKey  string
	familyKey string
	postcode  string // current, normalised
	keys      []string
	postcodes []string
	idents    []ident
}

type ident struct {
	k     identKind
	value string
}

func derivePerson(p people.Person) (personRow, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return personRow{}, fmt.Errorf("store: encoding person: %w", err)
	}
	r := personRow{
		p:         p,
		body:      string(b),
		givenKey:  strings.Join(people.NameTokens(p.GivenName), " "),
		familyKey: strings.Join(people.NameTokens(p.FamilyName), " "),
	}
	if a, ok := p.CurrentAddress(); ok {
		r.postcode = people.NormalisePostcode(a.Postcode)
	}
	names := []string{p.GivenName, p.FamilyName}
	for _, o := range p.OtherNames {
		names = append(names, o.GivenName, o.FamilyName)
	}
	seen := map[string]bool{}
	for _, n := range names {
		for _, k := range people.NameTokens(n) {
			if !seen[k] {
				seen[k] = true
				r.keys = append(r.keys, k)
			}
		}
	}
	sort.Strings(r.keys)
	seen = map[string]bool{}
	for _, a := range p.Addresses {
		pc := people.NormalisePostcode(a.Postcode)
		if pc != "" && !seen[pc] {
			seen[pc] = true
			r.postcodes = append(r.postcodes, pc)
		}
	}
	sort.Strings(r.postcodes)
	r.idents = identsOf(p)
	return r, nil
}

// identsOf returns a person's identifiers as person_identifiers holds them.
func identsOf(p people.Person) []ident {
	var out []ident
	for _, k := range identKinds {
		if v := normaliseIdentifier(k.value(p.Identifiers)); v != "" {
			out = append(out, ident{k, v})
		}
	}
	return out
}

func decodePerson(body []byte, id int64, version int) (people.Person, error) {
	var p people.Person
	if err := json.Unmarshal(body, &p); err != nil {
		return people.Person{}, fmt.Errorf("store: decoding person %d version %d: %w", id, version, err)
	}
	p.ID, p.Version = people.ID(id), version
	return p, nil
}

// currentPersonVersion joins a person's current row (p) to its version (v),
// which holds the record itself.
const currentPersonVersion = "JOIN record_versions v ON v.kind = 'person' AND v.record_id = p.id AND v.version = p.version"

var (
	peopleCols  = []string{"id", "version", "given_name", "family_name", "given_key", "family_key", "date_of_birth", "restricted", "postcode", "updated_at"}
	versionCols = []string{"kind", "record_id", "version", "recorded_at", "recorded_by", "reason", "body"}
)

// personWriter writes people and what derives from them, batching rows.
type personWriter struct {
	people, versions, keys, idents, postcodes *inserter
}

// newPersonWriter returns a writer for tx; cp is nil except in a bulk load
// on PostgreSQL (see writeBulk).
func (db *DB) newPersonWriter(tx *sql.Tx, cp *copier) *personWriter {
	return &personWriter{
		people:    newInserter(db.d, tx, cp, "people", peopleCols, true),
		versions:  newInserter(db.d, tx, cp, "record_versions", versionCols, false),
		keys:      newInserter(db.d, tx, cp, "person_name_keys", []string{"key", "person_id", "given_key", "family_key"}, false),
		idents:    newInserter(db.d, tx, cp, "person_identifiers", []string{"person_id", "kind", "value"}, false),
		postcodes: newInserter(db.d, tx, cp, "person_postcodes", []string{"postcode", "person_id"}, false),
	}
}

// addPerson holds a new person's current row.
func (w *personWriter) addPerson(ctx context.Context, r personRow, at time.Time) error {
	p := r.p
	return w.people.add(ctx, int64(p.ID), p.Version, p.GivenName, p.FamilyName, r.givenKey, r.familyKey,
		p.DateOfBirth, p.Restricted, r.postcode, at)
}

// addDerived holds the version row and the key rows of a person whose
// current row is written (or held) already.
func (w *personWriter) addDerived(ctx context.Context, r personRow, c store.Change) error {
	if err := w.versions.add(ctx, kindPerson, int64(r.p.ID), r.p.Version, c.At, nullID(c.By), c.Reason, r.body); err != nil {
		return err
	}
	return w.addKeys(ctx, r)
}

// addKeys holds the rows of the key tables for a person.
func (w *personWriter) addKeys(ctx context.Context, r personRow) error {
	id := int64(r.p.ID)
	for _, k := range r.keys {
		if err := w.keys.add(ctx, k, id, r.givenKey, r.familyKey); err != nil {
			return err
		}
	}
	for _, i := range r.idents {
		if err := w.idents.add(ctx, id, i.k.kind, i.value); err != nil {
			return err
		}
	}
	for _, pc := range r.postcodes {
		if err := w.postcodes.add(ctx, pc, id); err != nil {
			return err
		}
	}
	return nil
}

// flush writes every row held, current rows first (the others refer to them).
func (w *personWriter) flush(ctx context.Context) error {
	for _, b := range []*inserter{w.people, w.versions, w.keys, w.idents, w.postcodes} {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (w *personWriter) close() {
	for _, b := range []*inserter{w.people, w.versions, w.keys, w.idents, w.postcodes} {
		b.close()
	}
}

// personWriteErr turns a constraint violation from writing a person into the
// error a user can act on.
func personWriteErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errs.As(err) != nil:
		return err
	case isUnique(err):
		// checkIdentifiers found none, so another transaction took the
		// value since (PostgreSQL; SQLite's writes take turns).
		if k, ok := conflictingKind(err); ok {
			e := identConflict(k, -1).(*errs.Error)
			e.Err = err
			return e
		}
		return &errs.Error{Code: errs.Conflict, Message: "Another person already has one of these identifiers",
			Fields: []errs.Field{{Field: "identifiers", Message: "Another person already has one of these identifiers"}}, Err: err}
	case isForeignKey(err):
		return &errs.Error{Code: errs.Invalid, Message: "The change names a user or person that does not exist", Err: err}
	}
	return fmt.Errorf("store: writing person: %w", err)
}

// conflictingKind reads which kind of identifier a PostgreSQL unique
// violation of person_identifiers was about, from its detail:
// "Key (kind, value)=(nhs_number, 9434765919) already exists."
func conflictingKind(err error) (identKind, bool) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.ConstraintName != "person_identifiers_unique" {
		return identKind{}, false
	}
	_, rest, ok := strings.Cut(pe.Detail, "=(")
	if !ok {
		return identKind{}, false
	}
	kind, _, _ := strings.Cut(rest, ",")
	for _, k := range identKinds {
		if k.kind == kind {
			return k, true
		}
	}
	return identKind{}, false
}

// checkIdentifiers refuses a unique identifier that a person other than r's
// already holds.
func checkIdentifiers(ctx context.Context, tx *sql.Tx, r personRow) error {
	for _, i := range r.idents {
		if !i.k.unique {
			continue
		}
		var other int64
		err := tx.QueryRowContext(ctx,
			"SELECT person_id FROM person_identifiers WHERE kind = $1 AND value = $2 AND person_id <> $3",
			i.k.kind, i.value, int64(r.p.ID)).Scan(&other)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("store: checking identifiers: %w", err)
		default:
			return identConflict(i.k, -1)
		}
	}
	return nil
}

// CreatePerson writes a new person as version 1.
func (db *DB) CreatePerson(ctx context.Context, p people.Person, c store.Change) (people.Person, error) {
	c.At = stamp(c.At)
	err := db.write(ctx, func(tx *sql.Tx) error {
		ids, err := db.nextIDs(ctx, tx, "people", 1)
		if err != nil {
			return err
		}
		p.ID, p.Version = people.ID(ids[0]), 1
		r, err := derivePerson(p)
		if err != nil {
			return err
		}
		if err := checkIdentifiers(ctx, tx, r); err != nil {
			return err
		}
		w := db.newPersonWriter(tx, nil)
		defer w.close()
		if err := w.addPerson(ctx, r, c.At); err != nil {
			return personWriteErr(err)
		}
		if err := w.people.flush(ctx); err != nil {
			return personWriteErr(err)
		}
		if err := w.addDerived(ctx, r, c); err != nil {
			return personWriteErr(err)
		}
		if err := personWriteErr(w.flush(ctx)); err != nil {
			return err
		}
		return markWritten(ctx, tx, c, p.ID, int64(p.ID))
	})
	if err != nil {
		return people.Person{}, err
	}
	return p, nil
}

// UpdatePerson writes version p.Version+1 if p.Version is still the latest.
func (db *DB) UpdatePerson(ctx context.Context, p people.Person, c store.Change) (people.Person, error) {
	if p.ID <= 0 {
		return people.Person{}, notFound("person", p.ID)
	}
	c.At = stamp(c.At)
	err := db.write(ctx, func(tx *sql.Tx) error {
		var cur int
		err := tx.QueryRowContext(ctx, "SELECT version FROM people WHERE id = $1"+db.d.forUpdate, int64(p.ID)).Scan(&cur)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("person", p.ID)
		}
		if err != nil {
			return fmt.Errorf("store: reading person %d: %w", p.ID, err)
		}
		if cur != p.Version {
			return errStale()
		}
		p.Version = cur + 1
		r, err := derivePerson(p)
		if err != nil {
			return err
		}
		if err := checkIdentifiers(ctx, tx, r); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE people SET version = $2, given_name = $3, family_name = $4,
			given_key = $5, family_key = $6, date_of_birth = $7, restricted = $8, postcode = $9,
			updated_at = $10 WHERE id = $1 AND version = $11`,
			int64(p.ID), p.Version, p.GivenName, p.FamilyName, r.givenKey, r.familyKey,
			p.DateOfBirth, p.Restricted, r.postcode, c.At, cur)
		if err != nil {
			return personWriteErr(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: updating person %d: %w", p.ID, err)
		} else if n != 1 {
			return errStale()
		}
		// The key tables hold what derives from the current version only;
		// they are rebuilt from it. The versions themselves are kept.
		for _, t := range []string{"person_name_keys", "person_identifiers", "person_postcodes"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE person_id = $1", int64(p.ID)); err != nil {
				return fmt.Errorf("store: updating person %d: %w", p.ID, err)
			}
		}
		w := db.newPersonWriter(tx, nil)
		defer w.close()
		if err := w.addDerived(ctx, r, c); err != nil {
			return personWriteErr(err)
		}
		if err := personWriteErr(w.flush(ctx)); err != nil {
			return err
		}
		return markWritten(ctx, tx, c, p.ID, int64(p.ID))
	})
	if err != nil {
		return people.Person{}, err
	}
	return p, nil
}

// asOfParam is an as-of moment as compared with stored ones. Stored moments
// are whole microseconds, so truncating asOf changes no answer.
func asOfParam(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// Person returns the current version of a person, or the version current at
// asOf if it is not zero.
func (db *DB) Person(ctx context.Context, id people.ID, asOf time.Time) (people.Person, error) {
	var row *sql.Row
	if asOf.IsZero() {
		row = db.readRow(ctx, "SELECT p.version, v.body FROM people p "+currentPersonVersion+" WHERE p.id = $1", int64(id))
	} else {
		row = db.readRow(ctx, `SELECT version, body FROM record_versions
			WHERE kind = 'person' AND record_id = $1 AND recorded_at <= $2
			ORDER BY version DESC LIMIT 1`, int64(id), asOfParam(asOf))
	}
	var (
		v    int
		body []byte
	)
	if err := row.Scan(&v, &body); errors.Is(err, sql.ErrNoRows) {
		if asOf.IsZero() {
			return people.Person{}, notFound("person", id)
		}
		return people.Person{}, errs.E(errs.NotFound, "There was no person with id %d at %s", id, asOf.UTC().Format(time.RFC3339))
	} else if err != nil {
		return people.Person{}, fmt.Errorf("store: reading person %d: %w", id, err)
	}
	return decodePerson(body, int64(id), v)
}

// PersonHistory returns every version of a person, oldest first.
func (db *DB) PersonHistory(ctx context.Context, id people.ID) ([]store.Version[people.Person], error) {
	rows, err := db.read(ctx, `SELECT v.version, v.recorded_at, v.recorded_by, COALESCE(u.display_name, ''), v.reason, v.body
		FROM record_versions v LEFT JOIN users u ON u.id = v.recorded_by
		WHERE v.kind = 'person' AND v.record_id = $1 ORDER BY v.version`, int64(id))
	if err != nil {
		return nil, fmt.Errorf("store: reading history of person %d: %w", id, err)
	}
	defer rows.Close()
	var out []store.Version[people.Person]
	for rows.Next() {
		var (
			v    store.Version[people.Person]
			body []byte
		)
		if err := rows.Scan(&v.Version, timeScan{&v.RecordedAt}, idScan[access.UserID]{&v.By}, &v.ByName, &v.Reason, &body); err != nil {
			return nil, fmt.Errorf("store: reading history of person %d: %w", id, err)
		}
		if v.Record, err = decodePerson(body, int64(id), v.Version); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading history of person %d: %w", id, err)
	}
	if len(out) == 0 {
		return nil, notFound("person", id)
	}
	return out, nil
}

// CountPeople returns how many people the register holds.
func (db *DB) CountPeople(ctx context.Context) (int, error) {
	var n int
	if err := db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM people").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: counting people: %w", err)
	}
	return n, nil
}

// maxDuplicates bounds PossibleDuplicates' answer.
const maxDuplicates = 500

// PossibleDuplicates returns the current versions of people other than p who
// have p's date of birth or share any of p's identifiers (of any kind, so
// that one person's former UPN finds another's UPN).
func (db *DB) PossibleDuplicates(ctx context.Context, p people.Person) ([]people.Person, error) {
	var (
		parts []string
		args  = []any{int64(p.ID)}
	)
	if !p.DateOfBirth.IsZero() {
		args = append(args, p.DateOfBirth)
		parts = append(parts, fmt.Sprintf("SELECT id FROM people WHERE date_of_birth = $%d", len(args)))
	}
	var values []any
	seen := map[string]bool{}
	for _, k := range identKinds {
		if v := normaliseIdentifier(k.value(p.Identifiers)); v != "" && !seen[v] {
			seen[v] = true
			values = append(values, v)
		}
	}
	if len(values) > 0 {
		parts = append(parts, "SELECT person_id FROM person_identifiers WHERE value IN ("+placeholders(len(args)+1, len(values))+")")
		args = append(args, values...)
	}
	if len(parts) == 0 {
		return []people.Person{}, nil
	}
	query := "SELECT p.id, p.version, v.body FROM people p " + currentPersonVersion + " WHERE p.id IN (" + strings.Join(parts, " UNION ") +
		fmt.Sprintf(") AND p.id <> $1 ORDER BY p.id LIMIT %d", maxDuplicates)
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: finding possible duplicates: %w", err)
	}
	defer rows.Close()
	out := []people.Person{}
	for rows.Next() {
		var (
			id   int64
			v    int
			body []byte
		)
		if err := rows.Scan(&id, &v, &body); err != nil {
			return nil, fmt.Errorf("store: finding possible duplicates: %w", err)
		}
		q, err := decodePerson(body, id, v)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: finding possible duplicates: %w", err)
	}
	return out, nil
}

// importChunk is how many people ImportPeople writes before the rows that
// refer to them.
const importChunk = 2000

// ImportPeople writes many new people and the relationships between them in
// one transaction: all of them, or (on any error) none.
func (db *DB) ImportPeople(ctx context.Context, ps []people.Person, rels []people.Relationship, c store.Change) ([]people.ID, error) {
	c.At = stamp(c.At)
	var fields errs.Fields
	for i, r := range rels {
		if int(r.From) < 0 || int(r.From) >= len(ps) {
			fields.Add(fmt.Sprintf("relationships[%d].from", i), "Relationship %d refers to person %d, but there are %d people", i+1, r.From, len(ps))
		}
		if int(r.To) < 0 || int(r.To) >= len(ps) {
			fields.Add(fmt.Sprintf("relationships[%d].to", i), "Relationship %d refers to person %d, but there are %d people", i+1, r.To, len(ps))
		}
	}
	if err := fields.Err(); err != nil {
		return nil, err
	}
	// Identifiers repeated within the import are found here, with their rows;
	// the database finds those that clash with people already stored.
	identsAll := make([][]ident, len(ps))
	held := map[[2]string]bool{}
	for i, p := range ps {
		identsAll[i] = identsOf(p)
		for _, id := range identsAll[i] {
			if !id.k.unique {
				continue
			}
			key := [2]string{id.k.kind, id.value}
			if held[key] {
				return nil, identConflict(id.k, i)
			}
			held[key] = true
		}
	}

	out := make([]people.ID, len(ps))
	err := db.writeBulk(ctx, func(tx *sql.Tx, cp *copier) error {
		ids, err := db.nextIDs(ctx, tx, "people", len(ps))
		if err != nil {
			return err
		}
		rebuild, err := db.deferIndexes(ctx, tx, len(ps))
		if err != nil {
			return err
		}
		w := db.newPersonWriter(tx, cp)
		defer w.close()
		chunk := make([]personRow, 0, importChunk)
		for start := 0; start < len(ps); start += importChunk {
			chunk = chunk[:0]
			for i := start; i < min(start+importChunk, len(ps)); i++ {
				p := ps[i]
				p.ID, p.Version = people.ID(ids[i]), 1
				r, err := derivePerson(p)
				if err != nil {
					return err
				}
				out[i] = p.ID
				if err := w.addPerson(ctx, r, c.At); err != nil {
					return err
				}
				chunk = append(chunk, r)
			}
			if err := w.people.flush(ctx); err != nil {
				return err
			}
			for _, r := range chunk {
				if err := w.addDerived(ctx, r, c); err != nil {
					return err
				}
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := w.flush(ctx); err != nil {
			return err
		}
		if err := db.importRelationships(ctx, tx, cp, out, rels, c); err != nil {
			return err
		}
		return rebuild()
	})
	if err != nil {
		if isUnique(err) {
			return nil, db.explainImportConflict(ctx, identsAll, err)
		}
		return nil, personWriteErr(err)
	}
	if len(ps) >= analyseAfter {
		db.analyse(ctx)
	}
	return out, nil
}

// analyseAfter is the size of import after which the planner's statistics are
// refreshed, so that searches keep choosing the right index.
const analyseAfter = 10000

// analyse refreshes the query planner's statistics after a large import. It
// is an optimisation; a failure changes no data and is not reported. SQLite
// samples at most a thousand rows of each index (analysis_limit), as
// PostgreSQL samples too. PostgreSQL also vacuums the tables just filled, to
// mark their pages all-visible, without which its index-only scans (which
// every search uses) must visit each row anyway until autovacuum comes.
func (db *DB) analyse(ctx context.Context) {
	if db.d.name == "sqlite" {
		_, _ = db.w.ExecContext(ctx, "PRAGMA analysis_limit = 1000")
		_, _ = db.w.ExecContext(ctx, "ANALYZE")
		return
	}
	_, _ = db.w.ExecContext(ctx, "VACUUM (ANALYZE) "+strings.Join(append([]string{"record_versions"}, bulkTables...), ", "))
}

// explainImportConflict finds which imported person holds an identifier that
// someone already stored holds, after the import has been rolled back.
func (db *DB) explainImportConflict(ctx context.Context, identsAll [][]ident, cause error) error {
	var values []any
	for _, idents := range identsAll {
		for _, id := range idents {
			if id.k.unique {
				values = append(values, id.value)
			}
		}
	}
	taken := map[[2]string]bool{}
	for start := 0; start < len(values); start += maxPerStmt {
		part := values[start:min(start+maxPerStmt, len(values))]
		rows, err := db.r.QueryContext(ctx, "SELECT kind, value FROM person_identifiers WHERE value IN ("+placeholders(1, len(part))+")", part...)
		if err != nil {
			return &errs.Error{Code: errs.Conflict, Message: "Another person already has one of these identifiers", Err: cause}
		}
		for rows.Next() {
			var k, v string
			if rows.Scan(&k, &v) == nil {
				taken[[2]string{k, v}] = true
			}
		}
		rows.Close()
	}
	for i, idents := range identsAll {
		for _, id := range idents {
			if id.k.unique && taken[[2]string{id.k.kind, id.value}] {
				return identConflict(id.k, i)
			}
		}
	}
	return &errs.Error{Code: errs.Conflict, Message: "Another person already has one of these identifiers", Err: cause}
}
