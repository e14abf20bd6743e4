package app_test

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestSSDA903Return: the 903 as recorded now is one file per table; it
// holds a child in care in the year and a care leaver whose care ended
// before it (their 19th birthday in it), and no child of the census alone;
// the export is logged with the two children.
func TestSSDA903Return(t *testing.T) {
	rw := newReturnWorld(t)
	at := store.Change{By: rw.admin.ID, At: corrected, Reason: "test"}
	mk := func(id string, born civil.Date) people.ID {
		p, err := rw.st.CreatePerson(rw.ctx, people.Person{GivenName: id, FamilyName: "Care", DateOfBirth: born, Sex: "1", Ethnicity: "WBRI",
			Identifiers: people.Identifiers{LAChildID: id}}, at)
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	episode := func(p people.ID, from, to civil.Date, ceased string) {
		_, err := rw.st.CreateJourneyRecord(rw.ctx, journey.Record{PersonID: p, Kind: journey.KindCareEpisode, Start: from, End: to, TeamID: rw.team.ID,
			CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U1", Provider: "PR1", ReasonNew: "S", ReasonCeased: ceased}}, at)
		if err != nil {
			t.Fatal(err)
		}
	}
	episode(mk("LAC1", civil.MustNew(2012, time.May, 4)), civil.MustNew(2022, time.September, 1), civil.Date{}, "")
	episode(mk("LEAVER1", civil.MustNew(2003, time.July, 1)), civil.MustNew(2018, time.June, 1), civil.MustNew(2021, time.July, 1), "E8")
	// Looked after long before: out of the return, and of what is read.
	episode(mk("OLD1", civil.MustNew(1995, time.July, 1)), civil.MustNew(2009, time.June, 1), civil.MustNew(2013, time.July, 1), "E8")

	r, err := rw.app.MakeReturn(rw.ctx, rw.actor(access.Analyst), app.ReturnRequest{Kind: "ssda903", Year: "2023"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Children != 2 || len(r.Files) < 10 || r.Period() != "2023" || r.BaseName() != "ssda903-2023" {
		t.Fatalf("%d children, %d files, period %s, base name %s", r.Children, len(r.Files), r.Period(), r.BaseName())
	}
	files := map[string]string{}
	for _, f := range r.Files {
		files[f.Name] = string(f.Body)
	}
	header, oc3 := files["Header.csv"], files["OC3.csv"]
	if !strings.Contains(header, "\nLAC1,") || !strings.Contains(header, "\nLEAVER1,") || strings.Contains(header, "DCAMY") || strings.Contains(header, "OLD1") {
		t.Errorf("Header.csv:\n%s", header)
	}
	if !strings.Contains(oc3, "\nLEAVER1,") {
		t.Errorf("OC3.csv:\n%s", oc3)
	}
	es := rw.exportLines()
	if len(es) != 1 || es[0].Children != 2 || !strings.HasPrefix(es[0].Note, "SSDA903 return of children looked after 2023 as recorded at ") {
		t.Errorf("export lines %+v", es)
	}
}

// TestAnnexAReturn: Annex A is of the months to a day: its lists hold the
// children with a record in the window, name the team from the store, and
// the workbook is the same bytes when asked for again at the same moment.
// A bad window is refused naming its fields, and nothing is logged.
func TestAnnexAReturn(t *testing.T) {
	rw := newReturnWorld(t)
	ac := rw.actor(access.Analyst)
	q := app.ReturnRequest{Kind: "annexa", To: "2023-03-31", Months: "12", AsRecordedOn: "2023-06-30"}
	r, err := rw.app.MakeReturn(rw.ctx, ac, q)
	if err != nil {
		t.Fatal(err)
	}
	if r.Children != 2 || len(r.Files) != 1 || r.Files[0].Name != "annexa-2023-03-31.xlsx" ||
		r.Period() != "1 April 2022 to 31 March 2023" || r.BaseName() != "annexa-2023-03-31" || r.Year != 0 {
		t.Fatalf("%d children, files %d, period %s, year %d", r.Children, len(r.Files), r.Period(), r.Year)
	}
	again, err := rw.app.MakeReturn(rw.ctx, ac, app.ReturnRequest{Kind: "annexa", To: "2023-03-31", Months: "12", AsRecordedOn: r.RecordedAt.Format(time.RFC3339Nano)})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Files[0].Body) != string(r.Files[0].Body) {
		t.Error("Annex A asked for again at the same moment differs")
	}
	// Six months to 30 September 2022: Amy's referral of June 2022 is
	// before it; her assessment ended in July, in it.
	six, err := rw.app.MakeReturn(rw.ctx, ac, app.ReturnRequest{Kind: "annexa", To: "2022-12-31", Months: "6", AsRecordedOn: "2023-06-30"})
	if err != nil {
		t.Fatal(err)
	}
	if six.Children != 1 || six.Window.Start != civil.MustNew(2022, time.July, 1) {
		t.Errorf("six months: %d children, window %+v", six.Children, six.Window)
	}
	es := rw.exportLines()
	if len(es) != 3 || es[2].Children != 2 || es[2].Note != "Ofsted Annex A 1 April 2022 to 31 March 2023 as recorded at "+r.RecordedAt.UTC().Format(time.RFC3339Nano) {
		t.Errorf("export lines %+v", es)
	}

	for _, tc := range []struct {
		name   string
		q      app.ReturnRequest
		fields []string
	}{
		{"no window", app.ReturnRequest{Kind: "annexa"}, []string{"to", "months"}},
		{"a year is not a window", app.ReturnRequest{Kind: "annexa", Year: "2023"}, []string{"to", "months"}},
		{"no such date", app.ReturnRequest{Kind: "annexa", To: "2023-02-29", Months: "12"}, []string{"to"}},
		{"not a date", app.ReturnRequest{Kind: "annexa", To: "31/03/2023", Months: "12"}, []string{"to"}},
		{"in the future", app.ReturnRequest{Kind: "annexa", To: "2026-06-16", Months: "6"}, []string{"to"}},
		{"too early", app.ReturnRequest{Kind: "annexa", To: "2008-03-31", Months: "6"}, []string{"to"}},
		{"seven months", app.ReturnRequest{Kind: "annexa", To: "2023-03-31", Months: "7"}, []string{"months"}},
		{"months not a number", app.ReturnRequest{Kind: "annexa", To: "2023-03-31", Months: "twelve"}, []string{"months"}},
		{"everything", app.ReturnRequest{Kind: "annexa", To: "x", Months: "y", AsRecordedOn: "z"}, []string{"to", "months", "as_recorded_on"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := rw.app.MakeReturn(rw.ctx, ac, tc.q)
			e := errs.As(err)
			if e == nil || e.Code != errs.Invalid {
				t.Fatalf("got %v, want invalid", err)
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Field)
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("fields %v, want %v", got, tc.fields)
			}
		})
	}
	if n := len(rw.exportLines()); n != 3 {
		t.Errorf("%d export lines, want only the three good ones", n)
	}
}
