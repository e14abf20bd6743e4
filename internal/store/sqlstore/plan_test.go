package sqlstore

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestSQLiteSearchPlans checks, with EXPLAIN QUERY PLAN, that every form of
// search query SQLite may run reads its tables through an index: none scans
// a table row by row, and only the name-order form reads people in order
// (through the index that holds that order).
func TestSQLiteSearchPlans(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plans.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Enough people for ANALYZE to have something to say.
	var ps []people.Person
	for i := range 3000 {
		ps = append(ps, people.Person{
			GivenName: []string{"Ann", "Bob", "Cat", "Dev", "Eve"}[i%5], FamilyName: fmt.Sprintf("Family%d", i%300),
			DateOfBirth: civil.MustNew(2005+i%18, time.Month(1+i%12), 1+i%28),
			Identifiers: people.Identifiers{NHSNumber: fmt.Sprintf("%010d", i)},
			Addresses:   []people.Address{{Postcode: fmt.Sprintf("WV%d %dAA", 1+i%9, i%10)}},
		})
	}
	if _, err := db.ImportPeople(ctx, ps, nil, store.Change{}); err != nil {
		t.Fatal(err)
	}
	db.analyse(ctx)

	queries := []store.PersonQuery{
		{Name: "fam"},
		{Name: "ann family1"},
		{Name: "a b c"},
		{DateOfBirth: civil.MustNew(2010, 5, 5)},
		{Postcode: "WV1 1AA"},
		{Postcode: "WV1"},
		{Identifier: "0000000001"},
		{Name: "ann", DateOfBirth: civil.MustNew(2010, 5, 5), Postcode: "WV1", Identifier: "1"},
	}
	scan := regexp.MustCompile(`\bSCAN (\w+)( AS \w+)?(.*)$`)
	check := func(what, query string, args []any) []string {
		t.Helper()
		rows, err := db.r.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", what, err, query)
		}
		defer rows.Close()
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		for _, line := range plan {
			m := scan.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			switch {
			case m[1] == "json_each" || m[1] == "t": // the ids parameter; the subquery of at most limit rows
			case m[1] == "CONSTANT" || m[1] == "k": // the keys of a word, at most mergeKeys+1 of them
			case m[1] == "u" || regexp.MustCompile(`^r\d+$`).MatchString(m[1]): // each key's first page, and their merge
			case strings.Contains(what, "in order") && m[1] == "p" && strings.Contains(m[3], "USING INDEX people_name"):
			case strings.Contains(m[3], "USING COVERING INDEX") || strings.Contains(m[3], "USING INDEX"):
				if !strings.Contains(what, "in order") {
					t.Errorf("%s: reads a whole index: %q\n%s", what, line, strings.Join(plan, "\n"))
				}
			default:
				t.Errorf("%s: scans a table: %q\n%s", what, line, strings.Join(plan, "\n"))
			}
		}
		return plan
	}
	for _, q := range queries {
		conds := searchConds(sqliteDialect, q)
		for i, c := range conds {
			var a argList
			src := c.source(&a)
			check(fmt.Sprintf("%+v: candidates %d", q, i), src+" LIMIT "+a.add(10), a.args)
			query, args := amongSQL(db.d, []int64{1, 2, 3}, without(conds, i), 50)
			check(fmt.Sprintf("%+v: among candidates of %d", q, i), query, args)
			if c.word != "" {
				query, args := byKeysSQL(c, without(conds, i), 50)
				check(fmt.Sprintf("%+v: by keys of %d", q, i), query, args)
			}
		}
		query, args := inOrderSQL(conds, 50)
		check(fmt.Sprintf("%+v: in order", q), query, args)
	}
	for _, w := range []string{"fam", "family1", "ann"} {
		query, args := keysSQL(w, 32)
		check(fmt.Sprintf("keys of %q", w), query, args)
	}
	// Each key's first page is read in name order from its index, not
	// gathered and sorted: that is what stops the reading at the limit.
	for _, keys := range [][]string{{"family1"}, {"family1", "family10", "family100"}} {
		query, args := mergeSQL(keys, 50)
		what := fmt.Sprintf("merge of %q", keys)
		plan := check(what, query, args)
		reads := 0
		for i, line := range plan {
			if !strings.Contains(line, "person_name_keys") {
				continue
			}
			reads++
			if !strings.Contains(line, "INDEX person_name_keys_order (key=?)") {
				t.Errorf("%s: reads a key other than through person_name_keys_order: %q\n%s", what, line, strings.Join(plan, "\n"))
			}
			if i+1 < len(plan) && strings.Contains(plan[i+1], "TEMP B-TREE FOR ORDER BY") {
				t.Errorf("%s: sorts a key's people: %q\n%s", what, plan[i+1], strings.Join(plan, "\n"))
			}
		}
		if reads != len(keys) {
			t.Errorf("%s: %d reads of person_name_keys, want %d\n%s", what, reads, len(keys), strings.Join(plan, "\n"))
		}
	}
}
