package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// The as-of benchmarks read a register of HEARTH_BENCH_ASOF_PEOPLE people
// (100,000 unless set), each with four versions recorded over ten months,
// and their relationships (about 1.33 a person, one version each), as they
// were recorded at a moment when some people stood at their second version
// and the others at their third:
//
//	go test ./internal/store/sqlstore -run '^$' -bench AsOf -benchtime 5x
//
// They compare the two ways of reading records as of a moment (see "Reading
// records as of a moment, in bulk" in docs/DATA-MODEL.md):
//
//   - json: PeopleAsOf, which chooses each person's version from
//     record_versions through the index record_versions_as_of and decodes the
//     chosen versions' JSON;
//   - json-pk-only: the same query with that index dropped, so that the
//     choice reads every version's row through the primary key;
//   - typed: a second copy of each version in typed columns
//     (bench_person_history and bench_address_history, here written in the
//     transaction that writes versions 2 to 4), read by the same shape of
//     query. It reads fewer fields than the JSON
//     (no other names, gender, language, religion, disabilities), which can
//     only flatter it.

func asOfPeople() int { return envCount("HEARTH_BENCH_ASOF_PEOPLE", 100000) }

// The moments of the benchmark register. Version 1 of everything is
// recorded at asOfBase; person i's version k (2, 3, 4) at versionAt(i, k).
var asOfBase = time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC)

func versionAt(i, k int) time.Time {
	return asOfBase.Add(time.Duration(30+90*(k-2)+i%90)*24*time.Hour + time.Duration(i%86400)*time.Second)
}

// asOfMoment is the moment the benchmarks read at: two thirds of the people
// stand at version 3, a third at version 2, and no version 4 is seen.
var asOfMoment = asOfBase.Add(180 * 24 * time.Hour)

// laterVersion returns person p as changed by version k: a corrected family
// name, then a move, then a disability recorded.
func laterVersion(p people.Person, i, k int) people.Person {
	p.FamilyName = familyName(i + k)
	if k >= 3 {
		moved := civil.Of(versionAt(i, 3)).AddDays(-7)
		addrs := make([]people.Address, 0, len(p.Addresses)+1)
		for _, a := range p.Addresses {
			if a.EndDate.IsZero() {
				a.EndDate = moved.AddDays(-1)
			}
			addrs = append(addrs, a)
		}
		p.Addresses = append(addrs, people.Address{Line1: fmt.Sprintf("%d New Street", 1+i%300), Town: "Wolverhampton",
			Postcode: fmt.Sprintf("WV%d %d%c%c", 1+(i+5)%16, (i+3)%10, 'A'+rune(i/7%26), 'A'+rune(i/11%26)), StartDate: moved})
	}
	if k >= 4 {
		p.Disabilities = []string{"MOB"}
	}
	return p
}

// asOfStoreFor returns the benchmark register on a backend, loading it the
// first time. It is kept among benchStores, so TestMain removes it.
func asOfStoreFor(b *testing.B, backend string) *benchStore {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	key := "asof-" + backend
	if s, ok := benchStores[key]; ok {
		if s.skip != "" {
			b.Skip(s.skip)
		}
		if s.err != nil {
			b.Fatal(s.err)
		}
		return s
	}
	s := &benchStore{}
	benchStores[key] = s
	ctx := context.Background()
	var dsn string
	switch backend {
	case "sqlite":
		dir, err := os.MkdirTemp("", "hearth-asof-")
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
	start := time.Now()
	ids, err := loadAsOf(ctx, db, backend, asOfPeople())
	if err != nil {
		s.err = err
		b.Fatal(err)
	}
	b.Logf("%s: loaded %d people with 4 versions each in %s", backend, len(ids), time.Since(start).Round(time.Millisecond))
	s.db, s.ids = db, ids
	return s
}

// loadAsOf imports n synthetic people and their relationships as version 1,
// then writes versions 2 to 4 of each person, and the typed copies of every
// person version, in one transaction.
func loadAsOf(ctx context.Context, db *sqlstore.DB, backend string, n int) ([]people.ID, error) {
	ps, rels := syntheticPeople(n)
	ids, err := db.ImportPeople(ctx, ps, rels, store.Change{At: asOfBase, Reason: "benchmark"})
	if err != nil {
		return nil, err
	}
	w, _ := db.Pools()
	ts, date := "DATETIME", "TEXT"
	if backend == "postgres" {
		ts, date = "TIMESTAMPTZ", "DATE"
	}
	for _, ddl := range []string{
		`CREATE TABLE bench_person_history (
			person_id BIGINT NOT NULL, version INTEGER NOT NULL, recorded_at ` + ts + ` NOT NULL,
			given_name TEXT NOT NULL, family_name TEXT NOT NULL, date_of_birth ` + date + `,
			sex TEXT NOT NULL, ethnicity TEXT NOT NULL, la_child_id TEXT NOT NULL, nhs_number TEXT NOT NULL,
			upn TEXT NOT NULL, restricted BOOLEAN NOT NULL,
			PRIMARY KEY (person_id, version))`,
		`CREATE INDEX bench_person_history_as_of ON bench_person_history (person_id, version, recorded_at)`,
		`CREATE TABLE bench_address_history (
			person_id BIGINT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL,
			line1 TEXT NOT NULL, town TEXT NOT NULL, postcode TEXT NOT NULL,
			start_date ` + date + `, end_date ` + date + `,
			PRIMARY KEY (person_id, version, seq))`,
	} {
		if _, err := w.ExecContext(ctx, ddl); err != nil {
			return nil, err
		}
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	versions := newBatch(tx, backend, "record_versions", "kind, record_id, version, recorded_at, reason, body")
	typed := newBatch(tx, backend, "bench_person_history",
		"person_id, version, recorded_at, given_name, family_name, date_of_birth, sex, ethnicity, la_child_id, nhs_number, upn, restricted")
	addrs := newBatch(tx, backend, "bench_address_history", "person_id, version, seq, line1, town, postcode, start_date, end_date")
	addTyped := func(p people.Person, at time.Time) error {
		if err := typed.add(ctx, int64(p.ID), p.Version, at, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.Ethnicity,
			p.Identifiers.LAChildID, p.Identifiers.NHSNumber, p.Identifiers.UPN, p.Restricted); err != nil {
			return err
		}
		for j, a := range p.Addresses {
			if err := addrs.add(ctx, int64(p.ID), p.Version, j, a.Line1, a.Town, a.Postcode, a.StartDate, a.EndDate); err != nil {
				return err
			}
		}
		return nil
	}
	for i, p := range ps {
		p.ID, p.Version = ids[i], 1
		if err := addTyped(p, asOfBase); err != nil {
			return nil, err
		}
		for k := 2; k <= 4; k++ {
			q := laterVersion(p, i, k)
			q.Version = k
			body, err := json.Marshal(q)
			if err != nil {
				return nil, err
			}
			if err := versions.add(ctx, "person", int64(q.ID), k, versionAt(i, k), "benchmark", string(body)); err != nil {
				return nil, err
			}
			if err := addTyped(q, versionAt(i, k)); err != nil {
				return nil, err
			}
		}
	}
	for _, bt := range []*batch{versions, typed, addrs} {
		if err := bt.flush(ctx); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE people SET version = 4"); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	analyse := "ANALYZE"
	if backend == "postgres" {
		analyse = "VACUUM (ANALYZE) record_versions, people, bench_person_history, bench_address_history"
	}
	if _, err := w.ExecContext(ctx, analyse); err != nil {
		return nil, err
	}
	return ids, nil
}

// batch writes rows to a table 200 to a statement.
type batch struct {
	tx      *sql.Tx
	backend string
	head    string
	cols    int
	args    []any
}

func newBatch(tx *sql.Tx, backend, table, cols string) *batch {
	return &batch{tx: tx, backend: backend, head: "INSERT INTO " + table + " (" + cols + ") VALUES ", cols: strings.Count(cols, ",") + 1}
}

func (b *batch) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) >= 200*b.cols {
		return b.flush(ctx)
	}
	return nil
}

func (b *batch) flush(ctx context.Context) error {
	if len(b.args) == 0 {
		return nil
	}
	var q strings.Builder
	q.WriteString(b.head)
	for r := 0; r < len(b.args)/b.cols; r++ {
		if r > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for c := range b.cols {
			if c > 0 {
				q.WriteString(", ")
			}
			if b.backend == "postgres" {
				fmt.Fprintf(&q, "$%d", r*b.cols+c+1)
			} else {
				q.WriteByte('?')
			}
		}
		q.WriteByte(')')
	}
	_, err := b.tx.ExecContext(ctx, q.String(), b.args...)
	b.args = b.args[:0]
	return err
}

// BenchmarkPeopleAsOf reads every person of the register as recorded at
// asOfMoment, in one call (all) and by ids in chunks (ids), and a return's
// worth of 10,000 people by ids.
func BenchmarkPeopleAsOf(b *testing.B) {
	for _, be := range backends {
		b.Run(be, func(b *testing.B) {
			s := asOfStoreFor(b, be)
			ctx := context.Background()
			for _, c := range []struct {
				name string
				ids  []people.ID
			}{
				{"json-all", nil},
				{"json-ids", s.ids},
				{"json-10k-ids", everyTenth(s.ids)},
			} {
				b.Run(c.name, func(b *testing.B) {
					want := len(c.ids)
					if want == 0 {
						want = len(s.ids)
					}
					cpu := startCPU()
					for b.Loop() {
						got, err := s.db.PeopleAsOf(ctx, bulk, c.ids, asOfMoment)
						if err != nil {
							b.Fatal(err)
						}
						if len(got) != want {
							b.Fatalf("read %d people, want %d", len(got), want)
						}
					}
					cpu.report(b)
					b.ReportMetric(float64(want), "records/op")
				})
			}
			b.Run("typed-all", func(b *testing.B) {
				_, r := s.db.Pools()
				cpu := startCPU()
				for b.Loop() {
					got, err := typedPeopleAsOf(ctx, r, asOfMoment)
					if err != nil {
						b.Fatal(err)
					}
					if len(got) != len(s.ids) {
						b.Fatalf("read %d people, want %d", len(got), len(s.ids))
					}
				}
				cpu.report(b)
				b.ReportMetric(float64(len(s.ids)), "records/op")
			})
			b.Run("json-pk-only-all", func(b *testing.B) {
				w, _ := s.db.Pools()
				if _, err := w.ExecContext(ctx, "DROP INDEX record_versions_as_of"); err != nil {
					b.Fatal(err)
				}
				defer func() {
					if _, err := w.ExecContext(ctx, "CREATE INDEX record_versions_as_of ON record_versions (kind, record_id, version, recorded_at)"); err != nil {
						b.Fatal(err)
					}
				}()
				cpu := startCPU()
				for b.Loop() {
					got, err := s.db.PeopleAsOf(ctx, bulk, nil, asOfMoment)
					if err != nil {
						b.Fatal(err)
					}
					if len(got) != len(s.ids) {
						b.Fatalf("read %d people, want %d", len(got), len(s.ids))
					}
				}
				cpu.report(b)
				b.ReportMetric(float64(len(s.ids)), "records/op")
			})
		})
	}
}

// BenchmarkRelationshipsAsOf reads every relationship of the register as
// recorded at asOfMoment.
func BenchmarkRelationshipsAsOf(b *testing.B) {
	for _, be := range backends {
		b.Run(be, func(b *testing.B) {
			s := asOfStoreFor(b, be)
			ctx := context.Background()
			n := 0
			cpu := startCPU()
			for b.Loop() {
				got, err := s.db.RelationshipsAsOf(ctx, bulk, nil, asOfMoment)
				if err != nil {
					b.Fatal(err)
				}
				n = len(got)
			}
			cpu.report(b)
			b.ReportMetric(float64(n), "records/op")
		})
	}
}

func everyTenth(ids []people.ID) []people.ID {
	var out []people.ID
	for i := 0; i < len(ids); i += 10 {
		out = append(out, ids[i])
	}
	return out
}

// typedPeopleAsOf is the typed design's read: the people as recorded at a
// moment from bench_person_history, and their addresses from
// bench_address_history, choosing versions as PeopleAsOf does.
func typedPeopleAsOf(ctx context.Context, r *sql.DB, at time.Time) (map[people.ID]people.Person, error) {
	const chosen = `(SELECT person_id, MAX(version) AS version FROM bench_person_history
		WHERE recorded_at <= $1 GROUP BY person_id) w`
	rows, err := r.QueryContext(ctx, `SELECT h.person_id, h.version, h.given_name, h.family_name, h.date_of_birth,
		h.sex, h.ethnicity, h.la_child_id, h.nhs_number, h.upn, h.restricted
		FROM `+chosen+` JOIN bench_person_history h ON h.person_id = w.person_id AND h.version = w.version`, at)
	if err != nil {
		return nil, err
	}
	out := map[people.ID]people.Person{}
	for rows.Next() {
		var p people.Person
		if err := rows.Scan(&p.ID, &p.Version, &p.GivenName, &p.FamilyName, &p.DateOfBirth, &p.Sex, &p.Ethnicity,
			&p.Identifiers.LAChildID, &p.Identifiers.NHSNumber, &p.Identifiers.UPN, &p.Restricted); err != nil {
			rows.Close()
			return nil, err
		}
		out[p.ID] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = r.QueryContext(ctx, `SELECT a.person_id, a.line1, a.town, a.postcode, a.start_date, a.end_date
		FROM `+chosen+` JOIN bench_address_history a ON a.person_id = w.person_id AND a.version = w.version
		ORDER BY a.person_id, a.seq`, at)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id people.ID
			a  people.Address
		)
		if err := rows.Scan(&id, &a.Line1, &a.Town, &a.Postcode, &a.StartDate, &a.EndDate); err != nil {
			return nil, err
		}
		p := out[id]
		p.Addresses = append(p.Addresses, a)
		out[id] = p
	}
	return out, rows.Err()
}

// cpuClock measures the CPU time this process uses (user and system, every
// thread), which on a shared machine says more about a read's cost than the
// time it took. SQLite runs in the process; PostgreSQL's server does not, so
// there it counts the driver and the decoding only.
type cpuClock struct{ start time.Duration }

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock{processCPU()} }

// report gives the CPU time per operation; call it straight after the loop.
func (c cpuClock) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64((processCPU()-c.start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}
