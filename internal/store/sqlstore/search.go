package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"hearth/internal/access"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Search limits.
const (
	defaultSearchLimit = 50
	maxSearchLimit     = 500
)

// How a search is answered. Each condition (a word of the name, the date of
// birth, the postcode, the identifier) can be read from its own index as a
// list of the people it matches; the question is which to start from. The
// choice is made here, from counts, rather than left to each database's
// planner: neither can tell how many keys a prefix range of a bound
// parameter holds, and each guessed differently, and badly, for some names.
//
//  0. A query of one word whose prefix covers few distinct name keys (at
//     most 32: a whole name covers itself and the longer names it begins,
//     as "smith" covers smith, smithers and smithson). The index
//     person_name_keys_order holds each key's people in name order, so the
//     first page of each key is read from it, and the pages merged, whatever
//     the number of people a key matches: a family name shared by 15,000
//     people costs what a rare one does.
//  1. A condition that matches few people (at most the driver limit, 2,000):
//     those people are checked against the other conditions, sorted and cut
//     to the limit.
//  2. Otherwise, from the index entries of one word of the name, which carry
//     each person's name keys, so that they are checked, sorted and cut to
//     the limit before any person is read. For a query of one word, when it
//     has at most ten times the driver limit of keys (a short prefix that
//     still matches few people); for a query of several common conditions,
//     from the word with the fewest keys.
//  3. Otherwise (one very common condition, such as a letter or an outward
//     code, or common conditions none of which is a name): people are read
//     in name order, checked, and the reading stops at the limit, which
//     comes soon because matches are everywhere.
//
// Every query reads through an index (TestSQLiteSearchPlans checks SQLite's
// plans). Over 150,000 people a name search takes a few milliseconds; the
// slowest are a letter or two, alone or with an outward code, which read
// some tens of thousands of index entries. The benchmarks in this package
// measure both.
const (
	defaultDriverLimit = 2000
	keyScanFactor      = 10
	defaultMergeKeys   = 32
)

// A check on a range of keys ("tom" as the start of a name) is answered for
// each candidate from that person's own few index entries (the person_id
// index), never by reading the range. PostgreSQL misjudges how many keys a
// range holds (one, for a range of 9,000) and, left to itself, turned the
// EXISTS into a join that read the whole range again for every candidate, or
// probed the range index for each: "tom holmes" at scale 10 took 5 s, reading
// 70 million index entries, and 50 ms at most with the two hints below.
// SQLite needs neither: it answers a correlated EXISTS row by row, seeking
// (person_id, key) in the person index, which is a little faster than the
// hinted form (p99 42-43 against 47-53 ms at scale 10).

// noPullUp ends a subquery so that PostgreSQL runs it for each outer row
// instead of turning it into a join: an OFFSET does that.
func (d dialect) noPullUp() string { return d.pullUpFence }

// notIndexed is a column in a form no index serves (joined to an empty
// string), so that PostgreSQL looks the row up by the other columns of the
// condition.
func (d dialect) notIndexed(col string) string { return col + d.indexHider }

// searchCond is one condition of a search, in the two forms a query can use:
// as the source of candidate ids, and as a test of a person's id.
type searchCond struct {
	rank   int    // lower is tried first as the source of candidates
	word   string // the word, for a condition on the name
	source func(a *argList) string
	// check tests the person whose id is the SQL expression id; row is true
	// when id is p.id, a row of people, whose columns may be used.
	check func(a *argList, id string, row bool) string
}

// argList numbers a query's parameters as they are added.
type argList struct{ args []any }

func (a *argList) add(v any) string {
	a.args = append(a.args, v)
	return "$" + strconv.Itoa(len(a.args))
}

// prefixEnd returns the least string greater than every string that starts
// with prefix, by incrementing its last character, so that "key >= prefix
// AND key < end" is a prefix match that compares bytes, as both databases'
// indexes do here (SQLite's BINARY collation, PostgreSQL's "C"). LIKE would
// not do: SQLite's ignores case and PostgreSQL's does not, and neither
// uses an index for a bound pattern.
func prefixEnd(prefix string) string {
	r, size := utf8.DecodeLastRuneInString(prefix)
	if r == utf8.MaxRune || r == utf8.RuneError {
		return prefix + string(utf8.MaxRune)
	}
	next := r + 1
	if next >= 0xD800 && next <= 0xDFFF { // surrogates are not characters
		next = 0xE000
	}
	return prefix[:len(prefix)-size] + string(next)
}

// postcodeMatch returns how a search postcode matches: a whole postcode
// exactly, or an outward code (two to four characters, "WV1") as the start of
// a postcode ("WV1 ...").
func postcodeMatch(s string) (exact string, lo, hi string) {
	compact := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if compact == "" {
		return "", "", ""
	}
	if utf8.RuneCountInString(compact) <= 4 {
		return "", compact + " ", compact + "!" // '!' follows ' '
	}
	return people.NormalisePostcode(compact), "", ""
}

// uniqueWords drops repeated words and words that are a prefix of another
// (they add nothing), longest first.
func uniqueWords(ws []string) []string {
	sort.Slice(ws, func(i, j int) bool {
		if len(ws[i]) != len(ws[j]) {
			return len(ws[i]) > len(ws[j])
		}
		return ws[i] < ws[j]
	})
	var out []string
	for _, w := range ws {
		redundant := false
		for _, o := range out {
			if strings.HasPrefix(o, w) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, w)
		}
	}
	return out
}

// searchConds turns a query into its conditions, most selective first.
func searchConds(d dialect, q store.PersonQuery) []searchCond {
	probeEach, keyCol, postcodeCol := d.noPullUp(), d.notIndexed("k.key"), d.notIndexed("pc.postcode")
	var cs []searchCond
	if v := normaliseIdentifier(q.Identifier); v != "" {
		cs = append(cs, searchCond{
			rank:   0,
			source: func(a *argList) string { return "SELECT person_id FROM person_identifiers WHERE value = " + a.add(v) },
			check: func(a *argList, id string, _ bool) string {
				return "EXISTS (SELECT 1 FROM person_identifiers i WHERE i.person_id = " + id + " AND i.value = " + a.add(v) + ")"
			},
		})
	}
	if d := q.DateOfBirth; !d.IsZero() {
		cs = append(cs, searchCond{
			rank:   1,
			source: func(a *argList) string { return "SELECT id FROM people WHERE date_of_birth = " + a.add(d) },
			check: func(a *argList, id string, row bool) string {
				if row {
					return "p.date_of_birth = " + a.add(d)
				}
				return "EXISTS (SELECT 1 FROM people d WHERE d.id = " + id + " AND d.date_of_birth = " + a.add(d) + ")"
			},
		})
	}
	if exact, lo, hi := postcodeMatch(q.Postcode); exact != "" {
		cs = append(cs, searchCond{
			rank: 2,
			source: func(a *argList) string {
				return "SELECT person_id FROM person_postcodes WHERE postcode = " + a.add(exact)
			},
			check: func(a *argList, id string, _ bool) string {
				return "EXISTS (SELECT 1 FROM person_postcodes pc WHERE pc.person_id = " + id + " AND pc.postcode = " + a.add(exact) + ")"
			},
		})
	} else if lo != "" {
		cs = append(cs, searchCond{
			rank: 200,
			source: func(a *argList) string {
				return "SELECT person_id FROM person_postcodes WHERE postcode >= " + a.add(lo) + " AND postcode < " + a.add(hi)
			},
			check: func(a *argList, id string, _ bool) string {
				return "EXISTS (SELECT 1 FROM person_postcodes pc WHERE pc.person_id = " + id + " AND " + postcodeCol + " >= " + a.add(lo) + " AND " + postcodeCol + " < " + a.add(hi) + probeEach + ")"
			},
		})
	}
	for _, w := range uniqueWords(people.NameTokens(q.Name)) {
		lo, hi := w, prefixEnd(w)
		cs = append(cs, searchCond{
			rank: 100 - min(utf8.RuneCountInString(w), 90), // a longer prefix matches fewer
			word: w,
			source: func(a *argList) string {
				return "SELECT person_id FROM person_name_keys WHERE key >= " + a.add(lo) + " AND key < " + a.add(hi)
			},
			check: func(a *argList, id string, _ bool) string {
				return "EXISTS (SELECT 1 FROM person_name_keys k WHERE k.person_id = " + id + " AND " + keyCol + " >= " + a.add(lo) + " AND " + keyCol + " < " + a.add(hi) + probeEach + ")"
			},
		})
	}
	if q.Scope != nil && len(cs) > 0 {
		sc := *q.Scope
		cs = append(cs, searchCond{
			rank:   -1, // a caseload is small: the best place to start
			source: func(a *argList) string { return scopeSQL(a, sc) },
			check: func(a *argList, id string, _ bool) string {
				return id + " IN (" + scopeSQL(a, sc) + ")"
			},
		})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].rank < cs[j].rank })
	return cs
}

// scopeSQL selects the ids of the people a scope covers: those with an open
// involvement naming the worker or one of the teams (or any open contact),
// those granted to the user (current or not: Authorize judges the dates),
// and the people directly related to any of them.
func scopeSQL(a *argList, s access.Scope) string {
	var or []string
	if s.WorkerID != 0 {
		or = append(or, "worker_id = "+a.add(int64(s.WorkerID)))
	}
	if len(s.TeamIDs) > 0 {
		ts := make([]string, len(s.TeamIDs))
		for i, t := range s.TeamIDs {
			ts[i] = a.add(int64(t))
		}
		or = append(or, "team_id IN ("+strings.Join(ts, ", ")+")")
	}
	if s.OpenContacts {
		or = append(or, "kind = "+a.add(access.KindContact))
	}
	if len(or) == 0 {
		or = append(or, "1 = 0")
	}
	direct := "SELECT person_id FROM involvements WHERE (end_date IS NULL OR end_date >= " + a.add(s.On) + ") AND (" + strings.Join(or, " OR ") + ")" +
		" UNION SELECT person_id FROM grants WHERE user_id = " + a.add(int64(s.GrantsTo))
	return "SELECT person_id FROM (" + direct + ") s" +
		" UNION SELECT r.from_id FROM relationships r WHERE r.to_id IN (" + direct + ")" +
		" UNION SELECT r.to_id FROM relationships r WHERE r.from_id IN (" + direct + ")"
}

func searchLimit(n int) int {
	switch {
	case n <= 0:
		return defaultSearchLimit
	case n > maxSearchLimit:
		return maxSearchLimit
	}
	return n
}

const summaryCols = "p.id, p.given_name, p.family_name, p.date_of_birth, p.postcode, p.restricted"

// SearchPeople finds people by name prefixes, date of birth, postcode and
// identifier, ordered by family name, given name and id. See the top of this
// file for how.
func (db *DB) SearchPeople(ctx context.Context, q store.PersonQuery) ([]store.PersonSummary, error) {
	conds := searchConds(db.d, q)
	if len(conds) == 0 {
		return []store.PersonSummary{}, nil
	}
	limit := searchLimit(q.Limit)
	if len(conds) == 1 && conds[0].word != "" {
		keys, few, err := db.keysOf(ctx, conds[0].word)
		if err != nil {
			return nil, fmt.Errorf("store: searching people: %w", err)
		}
		if few {
			if len(keys) == 0 {
				return []store.PersonSummary{}, nil
			}
			// At most mergeKeys+1 texts, one for each number of keys.
			query, args := mergeSQL(keys, limit)
			return summaries(db.read(ctx, query, args...))
		}
	}
	for i, c := range conds {
		ids, ok, err := db.candidates(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("store: searching people: %w", err)
		}
		if !ok {
			continue
		}
		if len(ids) == 0 {
			return []store.PersonSummary{}, nil
		}
		return db.searchAmong(ctx, ids, without(conds, i), limit)
	}
	if len(conds) == 1 {
		// One common condition. A word whose keys are not too many is
		// answered from them; otherwise matches are everywhere.
		if c := conds[0]; c.word != "" {
			few, err := db.atMost(ctx, c, db.driverLimit*keyScanFactor)
			if err != nil {
				return nil, fmt.Errorf("store: searching people: %w", err)
			}
			if few {
				return db.searchByKeys(ctx, c, nil, limit)
			}
		}
		return db.searchInOrder(ctx, conds, limit)
	}
	// Several common conditions. Their matches together may be rare, and may
	// lie together in name order (John S... lie among the S family names),
	// so reading in name order could read nearly everyone; the word with the
	// fewest keys bounds the work instead.
	best, fewest := -1, 0
	for i, c := range conds {
		if c.word == "" {
			continue
		}
		n, err := db.count(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("store: searching people: %w", err)
		}
		if best < 0 || n < fewest {
			best, fewest = i, n
		}
	}
	if best >= 0 {
		return db.searchByKeys(ctx, conds[best], without(conds, best), limit)
	}
	return db.searchInOrder(ctx, conds, limit)
}

func without(cs []searchCond, i int) []searchCond {
	return append(append([]searchCond{}, cs[:i]...), cs[i+1:]...)
}

// atMost reports whether a condition matches at most n rows of its index.
func (db *DB) atMost(ctx context.Context, c searchCond, n int) (bool, error) {
	var a argList
	query := "SELECT COUNT(*) FROM (" + c.source(&a) + " LIMIT " + a.add(n+1) + ") x"
	var got int
	if err := db.r.QueryRowContext(ctx, query, a.args...).Scan(&got); err != nil {
		return false, err
	}
	return got <= n, nil
}

// count returns how many rows of its index a condition matches.
func (db *DB) count(ctx context.Context, c searchCond) (int, error) {
	var a argList
	var n int
	err := db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM ("+c.source(&a)+") x", a.args...).Scan(&n)
	return n, err
}

// candidates returns the ids a condition matches, and false if there are
// more than the store's driver limit.
func (db *DB) candidates(ctx context.Context, c searchCond) ([]int64, bool, error) {
	var a argList
	query := c.source(&a) + " LIMIT " + a.add(db.driverLimit+1)
	rows, err := db.r.QueryContext(ctx, query, a.args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	seen := map[int64]bool{}
	var ids []int64
	n := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, false, err
		}
		n++
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if n > db.driverLimit {
		return nil, false, nil
	}
	return ids, true, nil
}

// keysOf returns the distinct name keys that start with word, and false if
// there are more than the store's mergeKeys. It steps from each key to the
// next by one seek in the index, so it reads as many index entries as it
// returns keys, however many people share them.
func (db *DB) keysOf(ctx context.Context, word string) ([]string, bool, error) {
	query, args := keysSQL(word, db.mergeKeys)
	rows, err := db.read(ctx, query, args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, false, err
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	return keys, len(keys) <= db.mergeKeys, nil
}

// keysSQL selects the first most+1 distinct keys in word's range: a
// recursive query whose every step asks for the least key after the last,
// which both databases answer with one seek.
func keysSQL(word string, most int) (string, []any) {
	var a argList
	lo, hi := a.add(word), a.add(prefixEnd(word))
	first := "SELECT MIN(f.key) FROM person_name_keys f WHERE f.key >= " + lo + " AND f.key < " + hi
	next := "SELECT MIN(m.key) FROM person_name_keys m WHERE m.key > k.key AND m.key < " + a.add(prefixEnd(word))
	return "WITH RECURSIVE k (n, key) AS (SELECT 1, (" + first + ")" +
		" UNION ALL SELECT k.n + 1, (" + next + ") FROM k WHERE k.key IS NOT NULL AND k.n <= " + a.add(most) + ")" +
		" SELECT key FROM k WHERE key IS NOT NULL", a.args
}

// mergeSQL reads the first limit people of each key in name order, from
// person_name_keys_order, which holds them in that order, and merges them:
// the first limit people of the merge are the first limit who match any of
// the keys, since a person among them is among the first limit of every key
// they hold. DISTINCT drops a person who holds two of the keys.
func mergeSQL(keys []string, limit int) (string, []any) {
	var a argList
	runs := make([]string, len(keys))
	for i, k := range keys {
		runs[i] = "SELECT * FROM (SELECT family_key, given_key, person_id FROM person_name_keys WHERE key = " + a.add(k) +
			" ORDER BY family_key, given_key, person_id LIMIT " + a.add(limit) + ") r" + strconv.Itoa(i)
	}
	return "SELECT " + summaryCols + " FROM (SELECT DISTINCT family_key, given_key, person_id FROM (" + strings.Join(runs, " UNION ALL ") + ") u" +
		" ORDER BY family_key, given_key, person_id LIMIT " + a.add(limit) + ") t" +
		" JOIN people p ON p.id = t.person_id ORDER BY t.family_key, t.given_key, t.person_id", a.args
}

// searchAmong checks candidates against the other conditions.
func (db *DB) searchAmong(ctx context.Context, ids []int64, rest []searchCond, limit int) ([]store.PersonSummary, error) {
	query, args := amongSQL(db.d, ids, rest, limit)
	return summaries(db.r.QueryContext(ctx, query, args...))
}

func amongSQL(d dialect, ids []int64, rest []searchCond, limit int) (string, []any) {
	list := idArray(ids)
	var a argList
	where := []string{"p.id IN (" + d.idsFromJSON(a.add(list)) + ")"}
	for _, c := range rest {
		where = append(where, c.check(&a, "p.id", true))
	}
	return "SELECT " + summaryCols + " FROM people p WHERE " + strings.Join(where, " AND ") +
		" ORDER BY p.family_key, p.given_key, p.id LIMIT " + a.add(limit), a.args
}

// searchByKeys reads the index entries of one word of the name, which carry
// each person's name keys, and checks, sorts and cuts them before reading
// the people.
func (db *DB) searchByKeys(ctx context.Context, w searchCond, rest []searchCond, limit int) ([]store.PersonSummary, error) {
	query, args := byKeysSQL(w, rest, limit)
	return summaries(db.r.QueryContext(ctx, query, args...))
}

func byKeysSQL(w searchCond, rest []searchCond, limit int) (string, []any) {
	var a argList
	lo, hi := a.add(w.word), a.add(prefixEnd(w.word))
	where := []string{"m.key >= " + lo, "m.key < " + hi}
	for _, c := range rest {
		where = append(where, c.check(&a, "m.person_id", false))
	}
	return "SELECT " + summaryCols + " FROM (SELECT DISTINCT m.family_key, m.given_key, m.person_id" +
		" FROM person_name_keys m WHERE " + strings.Join(where, " AND ") +
		" ORDER BY m.family_key, m.given_key, m.person_id LIMIT " + a.add(limit) + ") t" +
		" JOIN people p ON p.id = t.person_id ORDER BY t.family_key, t.given_key, t.person_id", a.args
}

// searchInOrder reads people in name order, checking every condition.
func (db *DB) searchInOrder(ctx context.Context, conds []searchCond, limit int) ([]store.PersonSummary, error) {
	query, args := inOrderSQL(conds, limit)
	return summaries(db.r.QueryContext(ctx, query, args...))
}

func inOrderSQL(conds []searchCond, limit int) (string, []any) {
	var (
		a     argList
		where []string
	)
	for _, c := range conds {
		where = append(where, c.check(&a, "p.id", true))
	}
	return "SELECT " + summaryCols + " FROM people p WHERE " + strings.Join(where, " AND ") +
		" ORDER BY p.family_key, p.given_key, p.id LIMIT " + a.add(limit), a.args
}

// summaries reads the rows of a search query.
func summaries(rows *sql.Rows, err error) ([]store.PersonSummary, error) {
	if err != nil {
		return nil, fmt.Errorf("store: searching people: %w", err)
	}
	defer rows.Close()
	out := []store.PersonSummary{}
	for rows.Next() {
		if err := scanSummary(rows, &out); err != nil {
			return nil, fmt.Errorf("store: searching people: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: searching people: %w", err)
	}
	return out, nil
}

func scanSummary(rows *sql.Rows, out *[]store.PersonSummary) error {
	var s store.PersonSummary
	if err := rows.Scan(&s.ID, &s.GivenName, &s.FamilyName, &s.DateOfBirth, &s.Postcode, &s.Restricted); err != nil {
		return err
	}
	*out = append(*out, s)
	return nil
}
