package app

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/returns/annexa"
	"hearth/internal/returns/ssda903"
	"hearth/internal/store"
)

// demoCityChildren are Demo City's children as the city generates them on
// today, each with every journey record, as the store would read them with
// no choice of kind or span. The city names people by their index and
// records by their place in its list; here both become ids.
func demoCityChildren(today civil.Date) []store.ReturnChild {
	return demoCityChildrenAt(today, 1)
}

// demoCityChildrenAt is demoCityChildren of the city at a scale.
func demoCityChildrenAt(today civil.Date, scale int) []store.ReturnChild {
	city := demo.Generate(1, scale, today)
	at := map[people.ID]int{}
	var children []store.ReturnChild
	for n, j := range city.Journeys {
		r := j.Record
		i, ok := at[r.PersonID]
		if !ok {
			i = len(children)
			at[r.PersonID] = i
			p := city.People[r.PersonID]
			p.ID = r.PersonID + 1
			children = append(children, store.ReturnChild{Person: p})
		}
		// Episode and Follows already name records by this id.
		r.ID, r.PersonID = journey.ID(n+1), r.PersonID+1
		children[i].Records = append(children[i].Records, r)
	}
	return children
}

// readAs is what the store reads for a return of kind k (a
// store.ReturnQuery of its Kinds and spans): only the kinds, and only the
// children a record of a span's kinds open in it places in it, each once.
func readAs(children []store.ReturnChild, k ReturnKind, year int, w annexa.Window) []store.ReturnChild {
	var out []store.ReturnChild
	for _, c := range children {
		for _, rd := range k.spans(year, w) {
			if rs, ok := readOne(c, k.Kinds, rd); ok {
				out = append(out, store.ReturnChild{Person: c.Person, Records: rs})
				break
			}
		}
	}
	return out
}

// readOne is the child's records of the kinds, and whether the span
// places the child in the return.
func readOne(c store.ReturnChild, kinds []journey.Kind, rd store.ReturnSpan) ([]journey.Record, bool) {
	var rs []journey.Record
	placed := false
	for _, r := range c.Records {
		if !slices.Contains(kinds, r.Kind) {
			continue
		}
		rs = append(rs, r)
		spanKind := len(rd.Kinds) == 0 || slices.Contains(rd.Kinds, r.Kind)
		open := (rd.To.IsZero() || !r.Start.After(rd.To)) && (rd.From.IsZero() || r.End.IsZero() || !r.End.Before(rd.From))
		placed = placed || (spanKind && !r.Start.IsZero() && open)
	}
	return rs, placed
}

// TestDemoCityReturns builds Demo City's SSDA903 of 2022-23 and its Annex A
// for the 12 months to 31 March 2023, as made in June 2023, from every
// record of every child and from only what the store reads for each (its
// kinds, and for the 903 the children its span places in it): the two
// must be the same bytes. The 903's files read back with ssda903.Read with
// no problem and as the return built; Annex A's workbook has the 11 lists.
func TestDemoCityReturns(t *testing.T) {
	if testing.Short() {
		t.Skip("generates Demo City")
	}
	children := demoCityChildren(civil.MustNew(2023, time.June, 30))
	at := time.Date(2023, time.June, 15, 16, 0, 0, 0, time.UTC)
	council := store.Council{LANumber: "336"}

	t.Run("ssda903", func(t *testing.T) {
		k, _ := ReturnKindNamed("ssda903")
		in := returnInput{year: 2023, recordedAt: at, council: council, children: children}
		files, n, err := k.build(in)
		if err != nil {
			t.Fatal(err)
		}
		want := ssda903.Tables(2023)
		if len(files) != len(want) {
			t.Fatalf("%d files, want one per table (%d)", len(files), len(want))
		}
		var read []ssda903.File
		for i, f := range files {
			if f.Name != want[i].File() || f.ContentType != "text/csv" {
				t.Errorf("file %d is %s (%s), want %s", i, f.Name, f.ContentType, want[i].File())
			}
			read = append(read, ssda903.File{Name: f.Name, Body: bytes.NewReader(f.Body)})
		}
		r, problems := ssda903.Read(2023, "336", read)
		for _, p := range problems[:min(len(problems), 5)] {
			t.Errorf("reading the return back: %s", p)
		}
		kids := make([]ssda903.Child, len(children))
		for i, c := range children {
			kids[i] = ssda903.Child{Person: c.Person, Records: c.Records}
		}
		if built := ssda903.Build(2023, "336", kids); !reflect.DeepEqual(r, built) {
			t.Error("the files read back differ from the return built")
		}
		// A few hundred children looked after, and the care leavers.
		if n != len(r.Header) || n < 300 || len(r.Episodes) < 500 || len(r.OC3) == 0 {
			t.Errorf("%d children counted, %d in the Header, %d episodes, %d care leavers", n, len(r.Header), len(r.Episodes), len(r.OC3))
		}
		t.Logf("%d children, %d episodes, %d OC3", n, len(r.Episodes), len(r.OC3))

		narrow := in
		narrow.children = readAs(children, k, 2023, annexa.Window{})
		got, m, err := k.build(narrow)
		if err != nil {
			t.Fatal(err)
		}
		if m != n || !reflect.DeepEqual(got, files) {
			t.Errorf("the return of what the store reads (%d children read of %d) differs from the return of every record", len(narrow.children), len(children))
		}
	})

	t.Run("annexa", func(t *testing.T) {
		k, _ := ReturnKindNamed("annexa")
		w := annexa.Months(civil.MustNew(2023, time.March, 31), 12)
		names := annexa.Names{Teams: map[access.TeamID]string{}, Workers: map[access.UserID]string{}}
		for _, c := range children {
			for _, r := range c.Records {
				names.Teams[r.TeamID] = fmt.Sprintf("Team %d", r.TeamID)
				names.Workers[r.WorkerID] = fmt.Sprintf("Worker %d", r.WorkerID)
			}
		}
		in := returnInput{window: w, names: names, recordedAt: at, council: council, children: children}
		files, n, err := k.build(in)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 1 || files[0].Name != "annexa-2023-03-31.xlsx" {
			t.Fatalf("files %v", files)
		}
		z, err := zip.NewReader(bytes.NewReader(files[0].Body), int64(len(files[0].Body)))
		if err != nil {
			t.Fatal(err)
		}
		sheets := 0
		for _, f := range z.File {
			if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
				sheets++
			}
		}
		if sheets != 11 {
			t.Errorf("%d sheets, want 11", sheets)
		}
		for _, f := range z.File {
			if r, err := f.Open(); err != nil {
				t.Errorf("%s: %v", f.Name, err)
			} else if _, err := io.Copy(io.Discard, r); err != nil {
				t.Errorf("%s: %v", f.Name, err)
			}
		}
		kids := make([]annexa.Child, len(children))
		for i, c := range children {
			kids[i] = annexa.Child{Person: c.Person, Records: c.Records}
		}
		l := annexa.Build(w, kids, names)
		if n != l.Children() || n < 2000 || len(l.InCare) == 0 || len(l.CareLeavers) == 0 {
			t.Errorf("%d children counted, %d on the lists, %d in care, %d care leavers", n, l.Children(), len(l.InCare), len(l.CareLeavers))
		}
		t.Logf("%d children, %d bytes", n, len(files[0].Body))

		narrow := in
		narrow.children = readAs(children, k, 0, w)
		got, m, err := k.build(narrow)
		if err != nil {
			t.Fatal(err)
		}
		if m != n || !bytes.Equal(got[0].Body, files[0].Body) {
			t.Errorf("the lists of what the store reads (%d children read of %d) differ from the lists of every record", len(narrow.children), len(children))
		}
	})
}
