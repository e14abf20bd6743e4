package sqlstore_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

func TestSQLiteAsOf(t *testing.T) {
	db, _ := openSQLite(t)
	testAsOf(t, db)
}

func TestPostgresAsOf(t *testing.T) {
	testAsOf(t, openPostgres(t))
}

// activeOn is the effective-time rule a return applies to a relationship
// read as recorded at a moment: it had begun by d and not ended before it.
func activeOn(r people.Relationship, d civil.Date) bool {
	return !r.StartDate.After(d) && (r.EndDate.IsZero() || !r.EndDate.Before(d))
}

// testAsOf reads people and relationships in bulk as they were recorded at
// several moments, and applies a date inside the records to them: "the
// children at 31 March, as recorded on 15 May" before and after a
// correction made on 20 May.
func testAsOf(t *testing.T, db *sqlstore.DB) {
	// Without the decision that allowed a bulk read, nothing is read.
	if _, err := db.PeopleAsOf(context.Background(), access.BulkPermit{}, nil, time.Time{}); err == nil {
		t.Error("PeopleAsOf read without a bulk permit")
	}
	if _, err := db.RelationshipsAsOf(context.Background(), access.BulkPermit{}, nil, time.Time{}); err == nil {
		t.Error("RelationshipsAsOf read without a bulk permit")
	}
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2026, time.May, d, 10, 0, 0, 0, time.UTC) }
	census := civil.MustNew(2026, time.March, 31)
	mustPerson := func(p people.Person, err error) people.Person {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	// Amira is recorded on 1 May as born in 2010; on 20 May her date of
	// birth is corrected to 2007, which made her an adult by 31 March.
	amira := mustPerson(db.CreatePerson(ctx, people.Person{GivenName: "Amira", FamilyName: "Hassan",
		DateOfBirth: civil.MustNew(2010, time.June, 1)}, store.Change{At: day(1), Reason: "Contact"}))
	amira.DateOfBirth = civil.MustNew(2007, time.March, 1)
	amira = mustPerson(db.UpdatePerson(ctx, amira, store.Change{At: day(20), Reason: "Birth certificate seen"}))
	// Ben is a child throughout, changed twice, the second time after 15 May.
	ben := mustPerson(db.CreatePerson(ctx, people.Person{GivenName: "Ben", FamilyName: "Okafor",
		DateOfBirth: civil.MustNew(2015, time.January, 9)}, store.Change{At: day(2)}))
	ben.FamilyName = "Okafor-Smith"
	ben = mustPerson(db.UpdatePerson(ctx, ben, store.Change{At: day(10)}))
	ben.Sex = "1"
	ben = mustPerson(db.UpdatePerson(ctx, ben, store.Change{At: day(25)}))
	// Cara is first recorded after 15 May.
	cara := mustPerson(db.CreatePerson(ctx, people.Person{GivenName: "Cara", FamilyName: "Lewis",
		DateOfBirth: civil.MustNew(2019, time.July, 4)}, store.Change{At: day(21)}))

	// Ben's relationship to Amira is recorded on 3 May as from 1 April; on
	// 20 May it is corrected to have ended on 10 April.
	rel, err := db.CreateRelationship(ctx, people.Relationship{From: amira.ID, To: ben.ID, Type: "sibling",
		StartDate: civil.MustNew(2026, time.April, 1)}, store.Change{At: day(3)})
	if err != nil {
		t.Fatal(err)
	}
	rel.EndDate = civil.MustNew(2026, time.April, 10)
	if rel, err = db.UpdateRelationship(ctx, rel, store.Change{At: day(20), Reason: "Ended earlier than recorded"}); err != nil {
		t.Fatal(err)
	}

	children := func(got map[people.ID]people.Person) string {
		var names []string
		for _, id := range []people.ID{amira.ID, ben.ID, cara.ID} {
			if p, ok := got[id]; ok && p.IsChildOn(census) {
				names = append(names, p.GivenName+" "+p.FamilyName)
			}
		}
		return strings.Join(names, ", ")
	}
	all := []people.ID{amira.ID, ben.ID, cara.ID}
	for _, c := range []struct {
		name     string
		ids      []people.ID
		at       time.Time
		children string
		people   int
		versions map[people.ID]int
	}{
		{"before anyone", all, day(1).Add(-time.Microsecond), "", 0, nil},
		{"at the first write, to the microsecond", all, day(1), "Amira Hassan", 1, map[people.ID]int{amira.ID: 1}},
		{"15 May", all, day(15), "Amira Hassan, Ben Okafor-Smith", 2, map[people.ID]int{amira.ID: 1, ben.ID: 2}},
		{"15 May, every person", nil, day(15), "Amira Hassan, Ben Okafor-Smith", 2, map[people.ID]int{amira.ID: 1, ben.ID: 2}},
		{"15 May, one person named twice and one unknown", []people.ID{ben.ID, 999999, ben.ID}, day(15), "Ben Okafor-Smith", 1, map[people.ID]int{ben.ID: 2}},
		{"21 May, after the correction", all, day(21), "Ben Okafor-Smith, Cara Lewis", 3, map[people.ID]int{amira.ID: 2, ben.ID: 2, cara.ID: 1}},
		{"now (zero moment)", nil, time.Time{}, "Ben Okafor-Smith, Cara Lewis", 3, map[people.ID]int{amira.ID: 2, ben.ID: 3, cara.ID: 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := db.PeopleAsOf(ctx, bulk, c.ids, c.at)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != c.people {
				t.Errorf("read %d people, want %d: %v", len(got), c.people, got)
			}
			for id, v := range c.versions {
				if got[id].Version != v || got[id].ID != id {
					t.Errorf("person %d read as id %d version %d, want version %d", id, got[id].ID, got[id].Version, v)
				}
			}
			if s := children(got); s != c.children {
				t.Errorf("children on %s: %q, want %q", census, s, c.children)
			}
			// The same read one id to a query gives the same answer.
			if c.ids != nil {
				chunked, err := db.PeopleAsOfInChunks(ctx, c.ids, c.at, 1)
				if err != nil {
					t.Fatal(err)
				}
				if len(chunked) != len(got) {
					t.Errorf("one id a query read %d people, all at once %d", len(chunked), len(got))
				}
				for id, p := range got {
					if chunked[id].Version != p.Version {
						t.Errorf("person %d: version %d one id a query, %d all at once", id, chunked[id].Version, p.Version)
					}
				}
			}
		})
	}

	// A person read in bulk is the person read alone at the same moment.
	for _, at := range []time.Time{day(15), day(21), day(26)} {
		got, err := db.PeopleAsOf(ctx, bulk, nil, at)
		if err != nil {
			t.Fatal(err)
		}
		for id, p := range got {
			one, err := db.Person(ctx, sys(id), at)
			if err != nil {
				t.Fatal(err)
			}
			if one.Version != p.Version || one.FamilyName != p.FamilyName || one.DateOfBirth != p.DateOfBirth || one.Sex != p.Sex {
				t.Errorf("at %s person %d: bulk %+v, alone %+v", at, id, p, one)
			}
		}
	}

	// The relationship on 12 April: open as recorded on 15 May, ended as
	// recorded on 21 May.
	april12 := civil.MustNew(2026, time.April, 12)
	for _, c := range []struct {
		at      time.Time
		ids     []people.RelationshipID
		version int
		active  bool
	}{
		{day(15), nil, 1, true},
		{day(15), []people.RelationshipID{rel.ID}, 1, true},
		{day(21), nil, 2, false},
		{time.Time{}, []people.RelationshipID{rel.ID}, 2, false},
	} {
		got, err := db.RelationshipsAsOf(ctx, bulk, c.ids, c.at)
		if err != nil {
			t.Fatal(err)
		}
		r, ok := got[rel.ID]
		if len(got) != 1 || !ok {
			t.Fatalf("at %s: read %v, want relationship %d only", c.at, got, rel.ID)
		}
		if r.Version != c.version || r.From != amira.ID || r.To != ben.ID {
			t.Errorf("at %s: read %+v, want version %d from %d to %d", c.at, r, c.version, amira.ID, ben.ID)
		}
		if activeOn(r, april12) != c.active {
			t.Errorf("at %s: active on %s is %v, want %v", c.at, april12, !c.active, c.active)
		}
	}
	if got, err := db.RelationshipsAsOf(ctx, bulk, nil, day(2)); err != nil || len(got) != 0 {
		t.Errorf("relationships before any was recorded: %v, %v", got, err)
	}
}

// TestSQLiteAsOfPlan checks that the bulk as-of read chooses versions from
// the index record_versions_as_of alone, and reads only the chosen
// versions' rows, each by its key: no table is scanned row by row.
func TestSQLiteAsOfPlan(t *testing.T) {
	db, _ := openSQLite(t)
	r := db.SQL()
	for _, all := range []bool{true, false} {
		args := []any{"person", time.Now()}
		if !all {
			args = append(args, "[1,2,3]")
		}
		plan := explainSQLite(t, r, db.AsOfQuery(all), args...)
		if !strings.Contains(plan, "USING COVERING INDEX record_versions_as_of") {
			t.Errorf("all=%v: the versions are not chosen from the covering index:\n%s", all, plan)
		}
		// Through the primary key or record_versions_as_of, which both
		// begin (kind, record_id, version); SQLite picks either once the
		// table is analysed.
		if !strings.Contains(plan, "SEARCH v USING INDEX") || !strings.Contains(plan, "(kind=? AND record_id=? AND version=?)") {
			t.Errorf("all=%v: the chosen versions are not read through the primary key:\n%s", all, plan)
		}
		for _, line := range strings.Split(plan, "\n") {
			if strings.Contains(line, "SCAN") && !strings.Contains(line, "SCAN w") && !strings.Contains(line, "json_each") {
				t.Errorf("all=%v: a table is scanned: %s\n%s", all, line, plan)
			}
		}
	}
}

func explainSQLite(t *testing.T, r *sql.DB, query string, args ...any) string {
	t.Helper()
	rows, err := r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	return strings.Join(lines, "\n")
}

func TestSQLiteAsOfMany(t *testing.T) {
	db, _ := openSQLite(t)
	testAsOfMany(t, db)
}

func TestPostgresAsOfMany(t *testing.T) {
	testAsOfMany(t, openPostgres(t))
}

// testAsOfMany reads more people than one batch of decoding holds, then
// finds that a version whose body cannot be decoded fails the whole read.
func testAsOfMany(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	at := time.Date(2026, time.May, 1, 9, 0, 0, 0, time.UTC)
	ps := make([]people.Person, 1000)
	for i := range ps {
		ps[i] = people.Person{GivenName: "Many", FamilyName: "Family" + strings.Repeat("x", i%7), DateOfBirth: civil.MustNew(2012, time.March, 1+i%28)}
	}
	ids, err := db.ImportPeople(ctx, ps, nil, store.Change{At: at})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		ids  []people.ID
	}{{"every person", nil}, {"by id", ids}} {
		got, err := db.PeopleAsOf(ctx, bulk, c.ids, at)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(ids) {
			t.Fatalf("%s: read %d people, want %d", c.name, len(got), len(ids))
		}
		for i, id := range ids {
			if got[id].ID != id || got[id].Version != 1 || got[id].DateOfBirth != ps[i].DateOfBirth {
				t.Fatalf("%s: person %d read as %+v", c.name, id, got[id])
			}
		}
	}

	// A version written by hand whose given name is a number.
	w, _ := db.Pools()
	if _, err := w.ExecContext(ctx, `INSERT INTO record_versions (kind, record_id, version, recorded_at, reason, body)
		VALUES ('person', $1, 2, $2, 'broken', '{"given_name": 5}')`, int64(ids[500]), at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, err := db.PeopleAsOf(ctx, bulk, nil, at.Add(2*time.Hour)); err == nil || !strings.Contains(err.Error(), "decoding person") {
		t.Errorf("read a broken version: %d people, error %v", len(got), err)
	}
	if got, err := db.PeopleAsOf(ctx, bulk, nil, at); err != nil || len(got) != len(ids) {
		t.Errorf("before the broken version: %d people, error %v", len(got), err)
	}
}
