package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"time"
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
	var r0, r1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	start := time.Now()
	if _, err := db.ImportPeople(context.Background(), ps, rels, store.Change{}); err != nil {
		t.Fatal(err)
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
	cpu := time.Duration(r1.Utime.Nano()-r0.Utime.Nano()) + time.Duration(r1.Stime.Nano()-r0.Stime.Nano())
	t.Logf("import: wall %s cpu %s", time.Since(start), cpu)
	db.Close()
}


func TestScratchPG(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	db := openPostgres(t)
	ps, rels := syntheticPeople(benchPeople())
	var r0, r1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	start := time.Now()
	if _, err := db.ImportPeople(context.Background(), ps, rels, store.Change{}); err != nil {
		t.Fatal(err)
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
	cpu := time.Duration(r1.Utime.Nano()-r0.Utime.Nano()) + time.Duration(r1.Stime.Nano()-r0.Stime.Nano())
	t.Logf("import: wall %s cpu %s", time.Since(start), cpu)
}

