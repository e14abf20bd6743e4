package bench

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hearth/internal/store/sqlstore"
)

// TestSoakShort is the soak's short form: Demo City, 20 users for a few
// seconds. No request may fail, and the open files at the end may not
// exceed those at the first interval by more than the users' connections.
// Times and memory are reported, not asserted; `hearth soak` runs the long
// form (docs/OPERATIONS.md).
func TestSoakShort(t *testing.T) {
	if testing.Short() {
		t.Skip("loads Demo City")
	}
	ctx := t.Context()
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out strings.Builder
	const users = 20
	rep, err := Soak(ctx, db, SoakConfig{Seed: 1, Scale: 1, Users: users, Duration: 6 * time.Second, Think: 50 * time.Millisecond, Every: 2 * time.Second}, &out)
	t.Log("\n" + out.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Intervals) < 2 {
		t.Fatalf("%d intervals", len(rep.Intervals))
	}
	if rep.Failed() > 0 {
		t.Errorf("%d requests failed", rep.Failed())
	}
	first, last := rep.Intervals[0], rep.Intervals[len(rep.Intervals)-1]
	if last.Files > first.Files+users {
		t.Errorf("open files grew from %d to %d", first.Files, last.Files)
	}
}
