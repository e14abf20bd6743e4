package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/returns/annexa"
	"hearth/internal/returns/cin"
	"hearth/internal/returns/ssda903"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// demoReturns are Demo City's CIN censuses and SSDA903s of the years from
// first to last, as the export makes them from the city's records.
func demoReturns(t testing.TB, children []store.ReturnChild, first903, first, last int) (ImportFiles, map[int][]ReturnFile, map[int][]ReturnFile) {
	t.Helper()
	cinKind, _ := ReturnKindNamed("cin")
	kind903, _ := ReturnKindNamed("ssda903")
	council := store.Council{LANumber: "336"}
	at := time.Date(2023, time.May, 15, 16, 0, 0, 0, time.UTC)
	var in ImportFiles
	cins, returns := map[int][]ReturnFile{}, map[int][]ReturnFile{}
	for y := first903; y <= last; y++ {
		if y >= first {
			files, _, err := buildCIN(returnInput{year: y, recordedAt: at, council: council, children: readAs(children, cinKind, y, annexa.Window{})})
			if err != nil {
				t.Fatal(err)
			}
			cins[y] = files
			in.Censuses = append(in.Censuses, ImportFile{Name: files[0].Name, Body: bytes.NewReader(files[0].Body)})
		}
		files, _, err := buildSSDA903(returnInput{year: y, recordedAt: at, council: council, children: readAs(children, kind903, y, annexa.Window{})})
		if err != nil {
			t.Fatal(err)
		}
		returns[y] = files
		set := Import903{Name: fmt.Sprintf("ssda903-%d", y), Year: y}
		for _, f := range files {
			set.Files = append(set.Files, ImportFile{Name: f.Name, Body: bytes.NewReader(f.Body)})
		}
		in.SSDA903 = append(in.SSDA903, set)
	}
	return in, cins, returns
}

// TestImportRoundTrip exports Demo City's CIN censuses and SSDA903s of
// 2015-16 to 2022-23, imports them into an empty store, exports each year
// again and finds the same children, episodes, dates and codes in every
// one, but for the columns the records do not hold (docs/DATA-MODEL.md):
// the 903's HOME_POST and its social worker episodes.
func TestImportRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("generates Demo City")
	}
	ctx := context.Background()
	children := demoCityChildren(civil.MustNew(2023, time.April, 3))
	const first903, first, last = 2009, 2014, 2023
	in, cins, returns := demoReturns(t, children, first903, first, last)

	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := New(db, slog.New(slog.DiscardHandler))
	a.Clock = func() time.Time { return time.Date(2024, time.June, 3, 9, 0, 0, 0, time.UTC) }
	if _, err := db.SetCouncilDetails(ctx, store.Council{LANumber: "336"}, 0, store.Change{At: time.Date(2024, time.June, 1, 9, 0, 0, 0, time.UTC), Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	got, err := a.SystemImport(ctx, "test", in)
	kinds := map[string]int{}
	for _, p := range got.Problems {
		r := p.Reason
		if _, after, ok := strings.Cut(r, ": "); ok && strings.Contains(r, " of ") {
			r = after
		}
		r = p.Field + ": " + r
		if len(r) > 110 {
			r = r[:110]
		}
		kinds[r]++
	}
	for k, n := range kinds {
		if n > 0 {
			t.Logf("%6d %s", n, k)
		}
	}
	for i, p := range got.Problems {
		if i == 40 {
			t.Errorf("... and %d more", len(got.Problems)-40)
			break
		}
		t.Error(p)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("imported %d children (%d created), %d records", got.Children, got.Created, got.Records)

	// Every third year and the last: each export reads the whole store.
	for y := first903; y <= last; y++ {
		if (y-first903)%3 != 0 && y != last {
			continue
		}
		ys := strconv.Itoa(y)
		if cins[y] != nil {
			again, err := a.SystemReturn(ctx, access.SystemBulk("test"), "test", ReturnRequest{Kind: "cin", Year: ys})
			if err != nil {
				t.Fatal(err)
			}
			sameCensus(t, y, cins[y][0].Body, again.Files[0].Body)
		}
		again, err := a.SystemReturn(ctx, access.SystemBulk("test"), "test", ReturnRequest{Kind: "ssda903", Year: ys})
		if err != nil {
			t.Fatal(err)
		}
		same903(t, y, returns[y], again.Files)
	}

	// The import is logged once, with its children.
	lines, err := db.AccessLog(ctx, store.AccessQuery{Action: store.LogCreate, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0].Children != got.Children || lines[0].Route != "test" {
		t.Errorf("access log: %+v, want one line of %d children", lines, got.Children)
	}

	// The same files again: every child is held already, and nothing more
	// is written; the report says how many problems and lists the first
	// thousand.
	in, _, _ = demoReturns(t, children, first903, first, last)
	again, err := a.SystemImport(ctx, "test", in)
	want := fmt.Sprintf("%d problems in the files", got.Children)
	if err == nil || !strings.Contains(err.Error(), want) || len(again.Problems) != min(got.Children, 1000) {
		t.Errorf("a second import: %v, %d problems, want %q", err, len(again.Problems), want)
	}
}

// sameCensus compares two census files of a year as read back: the same
// children, episodes, modules, dates and codes.
func sameCensus(t *testing.T, y int, want, got []byte) {
	t.Helper()
	w, ps := cin.ReadXML(bytes.NewReader(want))
	g, qs := cin.ReadXML(bytes.NewReader(got))
	if len(ps)+len(qs) > 0 {
		t.Fatalf("census %d: reading: %v %v", y, ps, qs)
	}
	if len(w.Children) != len(g.Children) {
		t.Errorf("census %d: %d children again, want %d", y, len(g.Children), len(w.Children))
	}
	diffs := 0
	for i := range min(len(w.Children), len(g.Children)) {
		if !reflect.DeepEqual(w.Children[i], g.Children[i]) {
			if diffs++; diffs <= 3 {
				t.Errorf("census %d: child %d:\n got %+v\nwant %+v", y, i, g.Children[i], w.Children[i])
			}
		}
	}
	if diffs > 3 {
		t.Errorf("census %d: %d children differ", y, diffs)
	}
}

// same903 compares two 903s of a year table by table, but for the columns
// an import does not carry.
func same903(t *testing.T, y int, want, got []ReturnFile) {
	t.Helper()
	read := func(fs []ReturnFile) ssda903.Return {
		var files []ssda903.File
		for _, f := range fs {
			files = append(files, ssda903.File{Name: f.Name, Body: bytes.NewReader(f.Body)})
		}
		r, ps := ssda903.Read(ssda903.Year(y), "336", files)
		if len(ps) > 0 {
			t.Fatalf("903 %d: reading: %v", y, ps)
		}
		for i := range r.Episodes {
			r.Episodes[i].HomePost = ""
		}
		r.SWEpisodes = nil
		return r
	}
	w, g := read(want), read(got)
	wv, gv := reflect.ValueOf(w), reflect.ValueOf(g)
	for i := range wv.NumField() {
		name := wv.Type().Field(i).Name
		a, b := wv.Field(i), gv.Field(i)
		if a.Kind() != reflect.Slice {
			continue
		}
		if a.Len() != b.Len() {
			t.Errorf("903 %d: %s: %d rows again, want %d", y, name, b.Len(), a.Len())
		}
		diffs := 0
		for j := range min(a.Len(), b.Len()) {
			if !reflect.DeepEqual(a.Index(j).Interface(), b.Index(j).Interface()) {
				if diffs++; diffs <= 2 {
					t.Errorf("903 %d: %s row %d:\n got %+v\nwant %+v", y, name, j+2, b.Index(j).Interface(), a.Index(j).Interface())
				}
			}
		}
	}
}
