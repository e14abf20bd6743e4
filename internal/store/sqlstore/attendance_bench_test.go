package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// BenchmarkImportAttendance imports a term's attendance for
// HEARTH_BENCH_PUPILS pupils (45,000 unless set, Demo City's), the first
// time adding every row and after it replacing them, on SQLite and on
// PostgreSQL (when reachable). The target is under 10 s a term.
//
//	go test ./internal/store/sqlstore -run '^$' -bench ImportAttendance -benchtime 3x
func BenchmarkImportAttendance(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		db, _ := openSQLite(b)
		benchImportAttendance(b, db)
	})
	b.Run("postgres", func(b *testing.B) {
		benchImportAttendance(b, openPostgres(b))
	})
}

func benchImportAttendance(b *testing.B, db *sqlstore.DB) {
	ctx := context.Background()
	n := envCount("HEARTH_BENCH_PUPILS", 45000)
	ps := make([]people.Person, n)
	rows := make([]education.PupilSessions, n)
	term := education.Sessions{From: civil.MustNew(2025, time.September, 3), To: civil.MustNew(2025, time.December, 19)}
	for i := range ps {
		rest := fmt.Sprintf("336%04d25%03d", 2000+i/1000, i%1000)
		letter, _ := people.UPNCheckLetter(rest)
		upn := string(letter) + rest
		ps[i] = people.Person{GivenName: givenNames[i%len(givenNames)], FamilyName: familyName(i), DateOfBirth: civil.MustNew(2012, time.May, 1+i%28),
			Identifiers: people.Identifiers{UPN: upn}}
		s := term
		s.ByCode = map[string]int{"/": 130 - i%20, "I": i % 12, "O": i % 8}
		sum, err := education.Summarise(s)
		if err != nil {
			b.Fatal(err)
		}
		rows[i] = education.PupilSessions{Row: i + 2, UPN: upn, URN: fmt.Sprint(103000 + i%100), Sessions: s, Summary: sum}
	}
	if _, err := db.ImportPeople(ctx, ps, nil, store.Change{Reason: "bench"}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		got, err := db.ImportAttendance(ctx, rows, store.Change{Reason: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if got.Rows != n || i > 0 && got.Replaced != n {
			b.Fatalf("import %d: %+v", i, got)
		}
	}
}
