package sqlstore_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// TestSearchWaysAgree answers the same one-word searches in every way the
// store has (keys merged in name order, candidates, keys read and sorted,
// people read in name order) over a few thousand people, and checks that
// the answers are the same, in the same order. A few people hold two keys
// that one prefix matches (Ash Ashley, Sam Smith who was Smithers), whom a
// merge of several keys must list once.
func TestSearchWaysAgree(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		db, _ := openSQLite(t)
		testSearchWaysAgree(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		testSearchWaysAgree(t, openPostgres(t))
	})
}

func testSearchWaysAgree(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	ps, rels := syntheticPeople(3000)
	for i := range 30 {
		p := ps[i]
		p.Identifiers = people.Identifiers{}
		switch i % 3 {
		case 0:
			p.GivenName, p.FamilyName = "Ash", "Ashley"
		case 1:
			p.GivenName, p.FamilyName = "Sam", "Smith"
			p.OtherNames = []people.OtherName{{Type: "previous", GivenName: "Sam", FamilyName: "Smithers"}}
		case 2:
			p.GivenName, p.FamilyName = "Oliver", "Olivers"
		}
		ps = append(ps, p)
	}
	if _, err := db.ImportPeople(ctx, ps, rels, store.Change{}); err != nil {
		t.Fatal(err)
	}
	ways := []struct {
		name                   string
		driverLimit, mergeKeys int
	}{
		{"merged", 0, 32},
		{"merged, few keys", 0, 2},
		{"candidates", 100000, 0},
		{"keys sorted", 1, 0},
		{"in name order", 0, 0},
	}
	words := []string{"ash", "ashley", "ashton", "smith", "s", "sam", "wal", "o", "oliver", "nguyen", "obrien",
		"k", "kings", "précieuse", "zoe", "ó", "xylophone"}
	for _, w := range words {
		for _, limit := range []int{3, 50, 500} {
			q := store.PersonQuery{Name: w, Limit: limit}
			var want []store.PersonSummary
			for i, way := range ways {
				db.SetTuning(way.driverLimit, way.mergeKeys, 20000)
				got, err := db.SearchPeople(ctx, q)
				if err != nil {
					t.Fatalf("%q limit %d, %s: %v", w, limit, way.name, err)
				}
				if i == 0 {
					want = got
					if w != "xylophone" && len(got) == 0 {
						t.Errorf("%q limit %d: nothing found", w, limit)
					}
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%q limit %d: %s differs from %s:\n%s", w, limit, way.name, ways[0].name, diffIDs(got, want))
				}
			}
		}
	}
}

func diffIDs(got, want []store.PersonSummary) string {
	return fmt.Sprintf("got  %v\nwant %v", summaryIDs(got), summaryIDs(want))
}
