package sqlstore

import (
	"context"
	"database/sql"
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

// personRow is a person with everything derived from it that the current
// tables hold.
type personRow struct {
	p         people.Person
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

func derivePerson(p people.Person) personRow {
	r := personRow{
		p:         p,
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
	return r
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

// personKind is the person to the versioning mechanism (versioned.go). Its
// current rows are people and the search-key tables.
var personKind = newKind(&recordKind[people.Person]{
	kind:    store.KindPerson,
	noun:    "person",
	table:   "people",
	refers:  "a user or person",
	key:     func(p people.Person) (int64, int) { return int64(p.ID), p.Version },
	setKey:  func(p *people.Person, id int64, v int) { p.ID, p.Version = people.ID(id), v },
	insert:  insertPerson,
	replace: replacePerson,
	unique:  identUniqueErr,
	person:  func(p people.Person) people.ID { return p.ID },

	// Half of a bulk as-of read's CPU was encoding/json decoding bodies.
	unmarshal: people.DecodeStored,
})

var peopleCols = []string{"id", "version", "given_name", "family_name", "given_key", "family_key", "date_of_birth", "restricted", "postcode", "updated_at"}

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

// addImported holds the version row and the key rows of an imported person
// whose current row is written (or held) already. Single writes leave the
// version row to the mechanism; a bulk import writes it here, in batches.
func (w *personWriter) addImported(ctx context.Context, r personRow, c store.Change) error {
	if err := holdVersion(ctx, w.versions, personKind, r.p, c); err != nil {
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

// identUniqueErr explains a unique violation in writing a person: an
// identifier that checkIdentifiers found free was taken since by another
// transaction (PostgreSQL; SQLite's writes take turns).
func identUniqueErr(err error) error {
	if k, ok := conflictingKind(err); ok {
		e := identConflict(k, -1).(*errs.Error)
		e.Err = err
		return e
	}
	return &errs.Error{Code: errs.Conflict, Message: "Another person already has one of these identifiers",
		Fields: []errs.Field{{Field: "identifiers", Message: "Another person already has one of these identifiers"}}, Err: err}
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

// insertPerson writes a new person's current row and search keys.
func insertPerson(ctx context.Context, t *txn, p people.Person, c store.Change) error {
	r := derivePerson(p)
	if err := checkIdentifiers(ctx, t.tx, r); err != nil {
		return err
	}
	w := t.db.newPersonWriter(t.tx, nil)
	defer w.close()
	if err := w.addPerson(ctx, r, c.At); err != nil {
		return err
	}
	if err := w.people.flush(ctx); err != nil {
		return err
	}
	if err := w.addKeys(ctx, r); err != nil {
		return err
	}
	return w.flush(ctx)
}

// replacePerson rewrites a person's current row, and the search keys, which
// hold what derives from the current version only. The versions themselves
// are kept.
func replacePerson(ctx context.Context, t *txn, p people.Person, c store.Change) error {
	r := derivePerson(p)
	if err := checkIdentifiers(ctx, t.tx, r); err != nil {
		return err
	}
	if _, err := t.tx.ExecContext(ctx, `UPDATE people SET version = $2, given_name = $3, family_name = $4,
			given_key = $5, family_key = $6, date_of_birth = $7, restricted = $8, postcode = $9,
			updated_at = $10 WHERE id = $1`,
		int64(p.ID), p.Version, p.GivenName, p.FamilyName, r.givenKey, r.familyKey,
		p.DateOfBirth, p.Restricted, r.postcode, c.At); err != nil {
		return err
	}
	for _, table := range []string{"person_name_keys", "person_identifiers", "person_postcodes"} {
		if _, err := t.tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE person_id = $1", int64(p.ID)); err != nil {
			return err
		}
	}
	w := t.db.newPersonWriter(t.tx, nil)
	defer w.close()
	if err := w.addKeys(ctx, r); err != nil {
		return err
	}
	return w.flush(ctx)
}

// CreatePerson writes a new person as version 1.
func (t *txn) CreatePerson(ctx context.Context, p people.Person, c store.Change) (people.Person, error) {
	return create(ctx, t, personKind, p, c)
}

// UpdatePerson writes version p.Version+1 if p.Version is still the latest,
// and rewrites the child's derived work, which their date of birth may
// change (work.go).
func (t *txn) UpdatePerson(ctx context.Context, p people.Person, c store.Change) (people.Person, error) {
	p, err := update(ctx, t, personKind, p, c)
	if err != nil {
		return p, err
	}
	return p, t.refreshWork(ctx, p.ID, c.At)
}

// CreatePerson writes a new person as version 1.
func (db *DB) CreatePerson(ctx context.Context, p people.Person, c store.Change) (people.Person, error) {
	return inTx(ctx, db, func(t *txn) (people.Person, error) { return t.CreatePerson(ctx, p, c) })
}

// UpdatePerson writes version p.Version+1 if p.Version is still the latest.
func (db *DB) UpdatePerson(ctx context.Context, p people.Person, c store.Change) (people.Person, error) {
	return inTx(ctx, db, func(t *txn) (people.Person, error) { return t.UpdatePerson(ctx, p, c) })
}

// Person returns the current version of the permit's person, or the version
// current at asOf if it is not zero.
func (db *DB) Person(ctx context.Context, pm access.Permit, asOf time.Time) (people.Person, error) {
	id, err := permitted(pm, "person")
	if err != nil {
		return people.Person{}, err
	}
	return read(ctx, db, personKind, id, asOf)
}

var qPersonHistory = historyQuery("$2")

// PersonHistory returns every version of the permit's person, oldest first.
func (db *DB) PersonHistory(ctx context.Context, pm access.Permit) ([]store.Version[people.Person], error) {
	id, err := permitted(pm, "person history")
	if err != nil {
		return nil, err
	}
	out, err := history(ctx, db, personKind, qPersonHistory, id)
	if err != nil {
		return nil, err
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
		args  = []any{int64(p.ID), string(store.KindPerson)}
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
	query := "SELECT p.id, p.version, v.body FROM people p JOIN record_versions v ON v.kind = $2 AND v.record_id = p.id AND v.version = p.version" +
		" WHERE p.id IN (" + strings.Join(parts, " UNION ") +
		fmt.Sprintf(") AND p.id <> $1 ORDER BY p.id LIMIT %d", maxDuplicates)
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: finding possible duplicates: %w", err)
	}
	out, err := decodeRows(personKind, rows)
	if err != nil {
		return nil, fmt.Errorf("store: finding possible duplicates: %w", err)
	}
	if out == nil {
		out = []people.Person{}
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
	identsAll, err := importIdents(ps)
	if err != nil {
		return nil, err
	}
	var out []people.ID
	err = db.writeBulk(ctx, func(tx *sql.Tx, cp *copier) error {
		var err error
		out, err = db.importPeopleTx(ctx, tx, cp, ps, rels, c)
		return err
	})
	if err != nil {
		if isUnique(err) {
			return nil, db.explainImportConflict(ctx, identsAll, err)
		}
		return nil, personKind.writeErr(err)
	}
	if len(ps) >= analyseAfter {
		db.analyse(ctx)
	}
	return out, nil
}

// importIdents gives each imported person's identifiers, and refuses
// identifiers repeated within the import, naming their rows; the database
// finds those that clash with people already stored.
func importIdents(ps []people.Person) ([][]ident, error) {
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
	return identsAll, nil
}

// importPeopleTx writes ImportPeople's rows in tx and returns the new ids
// in the order given.
func (db *DB) importPeopleTx(ctx context.Context, tx *sql.Tx, cp *copier, ps []people.Person, rels []people.Relationship, c store.Change) ([]people.ID, error) {
	out := make([]people.ID, len(ps))
	ids, err := db.nextIDs(ctx, tx, "people", len(ps))
	if err != nil {
		return nil, err
	}
	rebuild, err := db.deferIndexes(ctx, tx, len(ps), "people", bulkTables)
	if err != nil {
		return nil, err
	}
	w := db.newPersonWriter(tx, cp)
	defer w.close()
	chunk := make([]personRow, 0, importChunk)
	for start := 0; start < len(ps); start += importChunk {
		chunk = chunk[:0]
		for i := start; i < min(start+importChunk, len(ps)); i++ {
			p := ps[i]
			p.ID, p.Version = people.ID(ids[i]), 1
			r := derivePerson(p)
			out[i] = p.ID
			if err := w.addPerson(ctx, r, c.At); err != nil {
				return nil, err
			}
			chunk = append(chunk, r)
		}
		if err := w.people.flush(ctx); err != nil {
			return nil, err
		}
		for _, r := range chunk {
			if err := w.addImported(ctx, r, c); err != nil {
				return nil, err
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	if err := w.flush(ctx); err != nil {
		return nil, err
	}
	if err := db.importRelationships(ctx, tx, cp, out, rels, c); err != nil {
		return nil, err
	}
	return out, rebuild()
}

// analyseAfter is the size of import after which the planner's statistics are
// refreshed, so that searches keep choosing the right index.
const analyseAfter = 10000

// analyse refreshes the query planner's statistics of tables (by default
// the records' and people's tables) after a large import, as the dialect
// says. It is an optimisation; a failure changes no data and
// is not reported.
func (db *DB) analyse(ctx context.Context, tables ...string) {
	if len(tables) == 0 {
		tables = append([]string{"record_versions"}, bulkTables...)
	}
	list := strings.Join(tables, ", ")
	for _, q := range db.d.analyse {
		if strings.Contains(q, "%s") {
			q = fmt.Sprintf(q, list)
		}
		_, _ = db.w.ExecContext(ctx, q)
	}
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

// personExists refuses, as not found, a write that names a person the
// store does not hold, before a foreign key would refuse it less clearly.
func personExists(ctx context.Context, t *txn, id people.ID) error {
	var one int
	err := t.tx.QueryRowContext(ctx, "SELECT 1 FROM people WHERE id = $1", int64(id)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("person", id)
	}
	return err
}
