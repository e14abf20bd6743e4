package sqlstore_test

import (
	"context"
	"database/sql"
	"reflect"
	"slices"
	"strings"
	"testing"

	"hearth/internal/store/sqlstore"
)

// TestMigrationsPaired checks that both databases have the same numbered
// migrations, in order.
func TestMigrationsPaired(t *testing.T) {
	lite, err := sqlstore.Migrations("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := sqlstore.Migrations("postgres")
	if err != nil {
		t.Fatal(err)
	}
	names := func(ms []sqlstore.Migration) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Name)
		}
		return out
	}
	if !reflect.DeepEqual(names(lite), names(pg)) {
		t.Fatalf("migrations differ:\nsqlite   %v\npostgres %v", names(lite), names(pg))
	}
	if len(lite) == 0 || lite[0].Version != 1 {
		t.Fatalf("the first migration is not 0001: %v", names(lite))
	}
	// Numbers are taken by branches of work as they start, so a number may
	// be missing for a while; none may be used twice.
	for i := 1; i < len(lite); i++ {
		if lite[i].Version <= lite[i-1].Version {
			t.Fatalf("migrations %s and %s share a number", lite[i-1].Name, lite[i].Name)
		}
	}
}

// TestSchemasMatch checks that the migrations give both databases the same
// tables, with the same columns in the same order, and the same indexes.
func TestSchemasMatch(t *testing.T) {
	lite, _ := openSQLite(t)
	pg := openPostgres(t)

	// SQLite's access log is in a file of its own, attached as "audit".
	liteCols := columns(t, lite.SQL(), `SELECT tbl, col FROM (
		SELECT m.name AS tbl, p.name AS col, p.cid AS cid FROM main.sqlite_master m, pragma_table_info(m.name, 'main') p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
		UNION ALL SELECT m.name, p.name, p.cid FROM audit.sqlite_master m, pragma_table_info(m.name, 'audit') p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%') ORDER BY tbl, cid`)
	pgCols := columns(t, pg.SQL(), `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`)
	if len(liteCols) == 0 {
		t.Fatal("SQLite has no tables")
	}
	// Only SQLite's access log has a file of its own, which names the store
	// it belongs to (identity.go); PostgreSQL's is a table of the store.
	delete(liteCols, "log_identity")
	for table, cols := range liteCols {
		if !reflect.DeepEqual(cols, pgCols[table]) {
			t.Errorf("table %s:\nsqlite   %v\npostgres %v", table, cols, pgCols[table])
		}
	}
	for table := range pgCols {
		if _, ok := liteCols[table]; !ok {
			t.Errorf("table %s is in PostgreSQL only", table)
		}
	}

	liteIdx := indexes(t, lite.SQL(), `SELECT tbl_name, name FROM main.sqlite_master
		WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'
		UNION ALL SELECT tbl_name, name FROM audit.sqlite_master
		WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY 1, 2`)
	pgIdx := indexes(t, pg.SQL(), `SELECT tablename, indexname FROM pg_indexes
		WHERE schemaname = current_schema() ORDER BY tablename, indexname`)
	if !reflect.DeepEqual(liteIdx, pgIdx) {
		t.Errorf("indexes differ:\nsqlite   %v\npostgres %v", liteIdx, pgIdx)
	}
}

func columns(t *testing.T, db *sql.DB, query string) map[string][]string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		out[table] = append(out[table], col)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// indexes lists the indexes a migration names itself; PostgreSQL's indexes
// for primary keys and UNIQUE constraints (..._pkey, ..._key) have no named
// SQLite counterpart and are left out.
func indexes(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	var out []string
	for table, names := range columns(t, db, query) {
		for _, n := range names {
			if strings.HasSuffix(n, "_pkey") || strings.HasSuffix(n, "_key") {
				continue
			}
			out = append(out, table+"."+n)
		}
	}
	slices.Sort(out)
	return out
}
