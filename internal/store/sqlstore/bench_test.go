package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// The benchmarks load a synthetic register of HEARTH_BENCH_PEOPLE people
// (150,000 unless set) with about 1.33 relationships each, on SQLite and on
// PostgreSQL (when it is reachable).
//
//	go test ./internal/store/sqlstore -run '^$' -bench 'Search|PersonRead' -benchtime 2000x
//	go test ./internal/store/sqlstore -run '^$' -bench Import -benchtime 1x
//
// The search and read benchmarks report the 50th and 99th percentile and the
// longest time of one call (p50-ms, p99-ms, max-ms).

func benchPeople() int { return envCount("HEARTH_BENCH_PEOPLE", 150000) }

// envCount is the positive whole number in the environment variable name,
// or def when it is unset or not one.
func envCount(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

var (
	givenNames = []string{
		"Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Ivy",
		"Leo", "Lily", "Arthur", "Isabella", "Muhammad", "Rosie", "Oscar", "Sophia", "Charlie", "Grace",
		"Jacob", "Freya", "Thomas", "Willow", "Henry", "Olivia", "William", "Emily", "Alfie", "Ella",
		"Joshua", "Poppy", "Freddie", "Evie", "Archie", "Sienna", "Theo", "Aria", "Ethan", "Daisy",
		"Isaac", "Florence", "Alexander", "Phoebe", "Joseph", "Harper", "Samuel", "Millie", "Daniel", "Matilda",
		"Logan", "Elsie", "Edward", "Ruby", "Lucas", "Evelyn", "Max", "Hannah", "Mohammed", "Zara",
		"Benjamin", "Jessica", "Mason", "Eliza", "Harrison", "Maya", "Theodore", "Chloe", "Jake", "Aisha",
		"Sebastian", "Amira", "Finley", "Fatima", "Arlo", "Priya", "Dylan", "Simran", "Riley", "Jasmine",
		"Zachary", "Kiran", "Reggie", "Anaya", "Toby", "Nia", "Jaxon", "Zainab", "Ronnie", "Précieuse",
		"Kai", "Chloé", "Jayden", "Zoë", "Elijah", "Renée", "Teddy", "Łucja", "Hugo", "Siân",
	}
	familyRoots   = []string{"Ash", "Black", "Brad", "Brook", "Clay", "Crom", "Dal", "Don", "Els", "Farn", "Gold", "Green", "Hall", "Hart", "Hay", "Kings", "Lang", "Mar", "Moor", "New", "Nor", "Pen", "Red", "Rush", "Shaw", "Stan", "Thorn", "Wal", "West", "Wood"}
	familyEndings = []string{"ley", "ton", "well", "field", "worth", "ford", "by", "wood", "stone", "ham", "er", "son"}
	extraFamilies = []string{"Smith", "Jones", "Patel", "Khan", "Singh", "Kaur", "Begum", "O'Brien", "Nguyễn", "Kowalski", "Müller", "Ó Súilleabháin"}
)

func familyName(i int) string {
	n := len(familyRoots)*len(familyEndings) + len(extraFamilies)
	k := (i*13 + i/7) % n
	if k < len(extraFamilies) {
		return extraFamilies[k]
	}
	k -= len(extraFamilies)
	return familyRoots[k/len(familyEndings)] + familyEndings[k%len(familyEndings)]
}

// syntheticPeople returns n made-up people and their relationships, the same
// every time.
func syntheticPeople(n int) ([]people.Person, []people.Relationship) {
	base := civil.MustNew(2005, time.January, 1)
	ps := make([]people.Person, n)
	for i := range ps {
		p := people.Person{
			GivenName:   givenNames[(i*7+3)%len(givenNames)],
			FamilyName:  familyName(i),
			DateOfBirth: base.AddDays((i * 37) % 6935),
			Sex:         []string{"1", "2"}[i%2],
			Ethnicity:   "WBRI",
			Identifiers: people.Identifiers{
				LAChildID: fmt.Sprintf("LA%07d", i),
				NHSNumber: fmt.Sprintf("%010d", 9000000000+i),
			},
		}
		if i%2 == 0 {
			p.Identifiers.UPN = fmt.Sprintf("U%012d", i)
		}
		if i%10 == 0 {
			p.OtherNames = []people.OtherName{{Type: "previous", GivenName: p.GivenName, FamilyName: familyName(i + 5)}}
		}
		pc := fmt.Sprintf("WV%d %d%c%c", 1+i%16, i%10, 'A'+rune(i/10%26), 'A'+rune(i/260%26))
		p.Addresses = []people.Address{{Line1: fmt.Sprintf("%d Test Road", 1+i%200), Town: "Wolverhampton", Postcode: pc, StartDate: p.DateOfBirth}}
		if i%3 == 0 {
			p.Addresses[0].StartDate = p.DateOfBirth.AddDays(400)
			p.Addresses = append(p.Addresses, people.Address{Line1: "1 Old Lane", Town: "Bilston", Postcode: fmt.Sprintf("WV14 %dQQ", i%10), StartDate: p.DateOfBirth, EndDate: p.DateOfBirth.AddDays(399)})
		}
		ps[i] = p
	}
	var rels []people.Relationship
	for i := 0; i+1 < n; i++ {
		rels = append(rels, people.Relationship{From: people.ID(i), To: people.ID(i + 1), Type: "sibling", StartDate: ps[i+1].DateOfBirth})
		if i%3 == 0 && i+7 < n {
			rels = append(rels, people.Relationship{From: people.ID(i), To: people.ID(i + 7), Type: "carer", StartDate: ps[i+7].DateOfBirth})
		}
	}
	return ps, rels
}

// benchStore is a store loaded once per process and shared by benchmarks.
type benchStore struct {
	db      *sqlstore.DB
	ids     []people.ID
	cleanup func()
	err     error
	skip    string
}

var (
	benchMu     sync.Mutex
	benchStores = map[string]*benchStore{}
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range benchStores {
		if s.cleanup != nil {
			s.cleanup()
		}
	}
	os.Exit(code)
}

// loaded returns the shared store for a backend, loading it the first time.
func loaded(b *testing.B, backend string) *benchStore {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if s, ok := benchStores[backend]; ok {
		if s.skip != "" {
			b.Skip(s.skip)
		}
		if s.err != nil {
			b.Fatal(s.err)
		}
		return s
	}
	s := &benchStore{}
	benchStores[backend] = s
	ctx := context.Background()
	var dsn string
	switch backend {
	case "sqlite":
		dir, err := os.MkdirTemp("", "hearth-bench-")
		if err != nil {
			s.err = err
			b.Fatal(err)
		}
		s.cleanup = func() { os.RemoveAll(dir) }
		dsn = filepath.Join(dir, "hearth.db")
	case "postgres":
		dsn = benchSchema(b, s)
	}
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		s.err = err
		b.Fatal(err)
	}
	prev := s.cleanup
	s.cleanup = func() {
		db.Close()
		if prev != nil {
			prev()
		}
	}
	ps, rels := syntheticPeople(benchPeople())
	start := time.Now()
	ids, err := db.ImportPeople(ctx, ps, rels, store.Change{Reason: "benchmark"})
	if err != nil {
		s.err = err
		b.Fatal(err)
	}
	b.Logf("%s: loaded %d people and %d relationships in %s", backend, len(ps), len(rels), time.Since(start).Round(time.Millisecond))
	s.db, s.ids = db, ids
	return s
}

// benchSchema makes a schema for a shared PostgreSQL store, dropped by its
// cleanup, or records why PostgreSQL benchmarks are skipped.
func benchSchema(b *testing.B, s *benchStore) string {
	b.Helper()
	defer func() {
		if b.Skipped() {
			s.skip = "PostgreSQL was not reachable"
		}
	}()
	db := postgresAdmin(b)
	schema := "hearth_bench_" + randomSuffix()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		s.err = err
		b.Fatal(err)
	}
	s.cleanup = func() { _, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE") }
	return withSearchPath(postgresDSN(), schema)
}

var backends = []string{"sqlite", "postgres"}

// latencies records how long each operation took, to report percentiles.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	s := slices.Clone(l)
	slices.Sort(s)
	pct := func(p float64) float64 {
		i := int(p * float64(len(s)-1))
		return float64(s[i].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(s[len(s)-1].Microseconds())/1000, "max-ms")
}

// searchQueries are the sort of names people type: a whole family name, the
// start of one, a given name and the start of a family name, a full name.
var searchQueries = []string{
	"smith", "ashley", "kingsford", "patel", "wal", "green", "hartwell", "moorton",
	"oliver ash", "amelia kings", "jack th", "isla mar", "ruby hall", "noah newton",
	"zoe", "muhammad khan", "grace s", "joseph", "chloe brad", "renee", "obrien", "nguyen",
	"theo wood", "ella p", "sam", "freya shaw", "harry black", "aisha begum",
}

func BenchmarkSearchByName(b *testing.B) {
	for _, be := range backends {
		b.Run(be, func(b *testing.B) {
			s := loaded(b, be)
			ctx := context.Background()
			lat := make(latencies, 0, b.N)
			results := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				got, err := s.db.SearchPeople(ctx, store.PersonQuery{Name: searchQueries[i%len(searchQueries)]})
				lat = append(lat, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				results += len(got)
			}
			b.StopTimer()
			lat.report(b)
			b.ReportMetric(float64(results)/float64(b.N), "results/op")
		})
	}
}

// BenchmarkSearchShortPrefixes is the hard case for a name search: a letter
// or two, or two initials, match a large part of the register.
func BenchmarkSearchShortPrefixes(b *testing.B) {
	letters := []string{"a", "j", "m", "s", "w", "ma", "br", "el", "j s", "a s"}
	for _, be := range backends {
		b.Run(be, func(b *testing.B) {
			s := loaded(b, be)
			ctx := context.Background()
			lat := make(latencies, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := s.db.SearchPeople(ctx, store.PersonQuery{Name: letters[i%len(letters)]}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			lat.report(b)
		})
	}
}

func BenchmarkSearchOther(b *testing.B) {
	queries := []store.PersonQuery{
		{DateOfBirth: civil.MustNew(2012, time.February, 29)},
		{Postcode: "WV3 4BC"},
		{Postcode: "WV3"},
		{Identifier: "9000012345"},
		{Name: "oliver", DateOfBirth: civil.MustNew(2010, time.May, 5)},
		{Name: "s", Postcode: "WV14"},
	}
	for _, be := range backends {
		b.Run(be, func(b *testing.B) {
			s := loaded(b, be)
			ctx := context.Background()
			lat := make(latencies, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := s.db.SearchPeople(ctx, queries[i%len(queries)]); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			lat.report(b)
		})
	}
}

func BenchmarkPersonRead(b *testing.B) {
	for _, be := range backends {
		b.Run(be, func(b *testing.B) {
			s := loaded(b, be)
			ctx := context.Background()
			lat := make(latencies, 0, b.N)
			x := uint32(12345)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				x = x*1664525 + 1013904223
				id := s.ids[int(x>>8)%len(s.ids)]
				start := time.Now()
				if _, err := s.db.Person(ctx, sys(id), time.Time{}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			lat.report(b)
		})
	}
}

func BenchmarkImport(b *testing.B) {
	ps, rels := syntheticPeople(benchPeople())
	for _, be := range backends {
		b.Run(be, func(b *testing.B) {
			ctx := context.Background()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				var db *sqlstore.DB
				switch be {
				case "sqlite":
					db, _ = openSQLite(b)
				case "postgres":
					db = openPostgres(b)
				}
				b.StartTimer()
				if _, err := db.ImportPeople(ctx, ps, rels, store.Change{Reason: "benchmark"}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(len(ps)), "people/op")
			b.ReportMetric(float64(len(rels)), "relationships/op")
		})
	}
}
