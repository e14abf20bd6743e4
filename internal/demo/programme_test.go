package demo

import (
	"context"
	"reflect"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// The invented reports are records the rules accept, one a project a
// month, April 2021 to March 2023; the seed's year is untouched.
func TestProgrammeReports(t *testing.T) {
	r := Programme(testToday)
	projects := map[programme.ProjectID]programme.Project{}
	for _, p := range r.Projects {
		projects[p.ID] = p
	}
	seen := map[programme.ProjectID][]programme.Report{}
	for _, rep := range r.Reports {
		if err := rep.Validate(); err != nil {
			t.Fatalf("report %d for %s: %v", rep.ID, rep.Month, err)
		}
		p := projects[rep.Project]
		if err := programme.CheckNewReport(p, seen[p.ID], rep, testToday); err != nil {
			t.Fatalf("report %d for %s: %v", rep.ID, rep.Month, err)
		}
		seen[p.ID] = append(seen[p.ID], rep)
	}
	for _, p := range r.Projects {
		want := 1 // March 2021 only
		if p.Gateway == programme.Delivery {
			want = 25
		}
		if got := len(seen[p.ID]); p.Gateway != programme.Options && p.Gateway != programme.BusinessCase && got != want {
			t.Errorf("%s has %d reports, want %d", p.Name, got, want)
		}
	}
	if got, want := programme.AnnualReport(r, 2020), programme.AnnualReport(programme.Seed2021(), 2020); !reflect.DeepEqual(got, want) {
		t.Errorf("the invented reports changed the 2020-21 annual report")
	}
	a := programme.AnnualReport(r, 2022)
	if a.Finance.Totals.Value == 0 || len(a.RAG) == 0 {
		t.Errorf("the 2022-23 annual report is empty: %+v", a.RAG)
	}
	// A city made before April 2023 has reports up to its own month only.
	early := Programme(civil.MustNew(2021, time.June, 15))
	for _, rep := range early.Reports {
		if rep.Month.Compare(programme.Month{Year: 2021, Month: time.June}) > 0 {
			t.Fatalf("a report for %s in a city made in June 2021", rep.Month)
		}
	}
	if !reflect.DeepEqual(Programme(testToday), r) {
		t.Errorf("the programme is not the same twice")
	}
}

// The fake store's programme (load_test.go): each record is given the next
// id of its kind.

func (t fakeTx) CreateProgramme(_ context.Context, p programme.Programme, _ store.Change) (programme.Programme, error) {
	p.ID, p.Version = 1, 1
	t.f.programme.Programme = p
	return p, nil
}

func (t fakeTx) CreateProgrammeOutcome(_ context.Context, o programme.Outcome, _ store.Change) (programme.Outcome, error) {
	o.ID, o.Version = programme.OutcomeID(len(t.f.programme.Outcomes)+1), 1
	t.f.programme.Outcomes = append(t.f.programme.Outcomes, o)
	return o, nil
}

func (t fakeTx) CreateProject(_ context.Context, p programme.Project, _ store.Change) (programme.Project, error) {
	// Ids that differ from the seed's show that the loader maps them.
	p.ID, p.Version = programme.ProjectID(len(t.f.programme.Projects)+101), 1
	t.f.programme.Projects = append(t.f.programme.Projects, p)
	return p, nil
}

func (t fakeTx) CreateProjectReport(_ context.Context, r programme.Report, _ store.Change) (programme.Report, error) {
	r.ID, r.Version = programme.ReportID(len(t.f.programme.Reports)+1), 1
	t.f.programme.Reports = append(t.f.programme.Reports, r)
	return r, nil
}

func (t fakeTx) CreateRegisterEntry(_ context.Context, e programme.Entry, _ store.Change) (programme.Entry, error) {
	e.ID, e.Version = programme.EntryID(len(t.f.programme.Entries)+1), 1
	t.f.programme.Entries = append(t.f.programme.Entries, e)
	return e, nil
}

// Load writes the programme with its links mapped to the new ids, and the
// annual report computed from what was written is the seed's.
func TestLoadWritesTheProgramme(t *testing.T) {
	t.Parallel()
	c := city1()
	st := &fakeStore{}
	if _, err := Load(context.Background(), st, c, fakeHash, nil); err != nil {
		t.Fatal(err)
	}
	got := st.programme
	if len(got.Reports) != len(c.Programme.Reports) || len(got.Projects) != len(c.Programme.Projects) {
		t.Fatalf("wrote %d reports and %d projects", len(got.Reports), len(got.Projects))
	}
	for _, r := range got.Reports {
		if r.Project <= 100 {
			t.Fatalf("a report names project %d, not a written one", r.Project)
		}
	}
	a, want := programme.AnnualReport(got, 2020), programme.AnnualReport(programme.Seed2021(), 2020)
	if a.Finance.Totals != want.Finance.Totals || !reflect.DeepEqual(a.Inconsistencies, want.Inconsistencies) {
		t.Errorf("the loaded programme's 2020-21 report differs from the seed's")
	}
}
