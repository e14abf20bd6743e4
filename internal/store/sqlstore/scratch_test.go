package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

func TestScratchSize(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	dir := "/tmp/scratchdb"
	os.RemoveAll(dir)
	path := filepath.Join(dir, "h.db")
	db, err := sqlstore.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ps, rels := syntheticPeople(benchPeople())
	if _, err := db.ImportPeople(context.Background(), ps, rels, store.Change{}); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func TestScratchSpent(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	for k, v := range sqlstore.Spent {
		t.Logf("%-32s %s", k, v)
	}
}
