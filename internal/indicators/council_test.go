package indicators

import (
	"os"
	"slices"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/journey"
)

func num(v float64) *float64 { return &v }

func TestYearOf(t *testing.T) {
	for _, c := range []struct {
		day  string
		want int
	}{{"2023-03-31", 2023}, {"2023-04-01", 2024}, {"2023-01-01", 2023}, {"2022-12-31", 2023}, {"2022-04-01", 2023}, {"2022-03-31", 2022}} {
		if got := YearOf(date(c.day)); got != c.want {
			t.Errorf("YearOf(%s) = %d, want %d", c.day, got, c.want)
		}
	}
}

func TestRAG(t *testing.T) {
	higher, _ := Lookup("assessment_45wd") // higher is better
	lower, _ := Lookup("rereferral_12m")   // lower is better
	demand, _ := Lookup("contacts_month")
	th := Target{Green: num(85), Amber: num(75)}
	lo := Target{Green: num(20), Amber: num(25)}
	for _, c := range []struct {
		name string
		def  Definition
		t    Target
		v    *float64
		want string
	}{
		{"higher: at green", higher, th, num(85), Green},
		{"higher: above green", higher, th, num(90), Green},
		{"higher: just under green", higher, th, num(84.9), Amber},
		{"higher: at amber", higher, th, num(75), Amber},
		{"higher: under amber", higher, th, num(74.9), Red},
		{"lower: at green", lower, lo, num(20), Green},
		{"lower: between", lower, lo, num(23.1), Amber},
		{"lower: at amber", lower, lo, num(25), Amber},
		{"lower: over amber", lower, lo, num(25.1), Red},
		{"no amber: green or red", higher, Target{Green: num(85)}, num(80), Red},
		{"no thresholds", higher, Target{}, num(80), ""},
		{"no value", higher, th, nil, ""},
		{"demand has no rating", demand, Target{Green: num(1)}, num(5), ""},
	} {
		if got := RAG(c.def, c.t, c.v); got != c.want {
			t.Errorf("%s: RAG = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestTravel(t *testing.T) {
	higher, _ := Lookup("assessment_45wd")
	lower, _ := Lookup("rereferral_12m")
	demand, _ := Lookup("contacts_month")
	for _, c := range []struct {
		name      string
		def       Definition
		now, last *float64
		want      string
	}{
		{"higher, up", higher, num(90), num(80), Improving},
		{"higher, down", higher, num(70), num(80), Worsening},
		{"lower, down", lower, num(20), num(23.1), Improving},
		{"lower, up", lower, num(25), num(23.1), Worsening},
		{"same", lower, num(23.1), num(23.1), NoChange},
		{"demand up", demand, num(6), num(5), Up},
		{"demand down", demand, num(4), num(5), Down},
		{"no last year", higher, num(4), nil, ""},
		{"no value now", higher, nil, num(4), ""},
	} {
		if got := Travel(c.def, c.now, c.last); got != c.want {
			t.Errorf("%s: Travel = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestTargetAndWorkforceOn(t *testing.T) {
	c := CouncilData{
		Targets: []Target{{Indicator: "cla_rate", Year: 2023, Target: num(70)}, {Indicator: "cla_rate", Year: 2024, Target: num(65)}},
		Establishments: []Establishment{
			{At: date("2022-03-31"), Positions: []Position{{Name: "A"}}},
			{At: date("2023-03-31"), Positions: []Position{{Name: "B"}}},
		},
		Leavers: []Leaver{{Ref: "L1"}},
	}
	for _, x := range []struct {
		day, pos string
		target   float64
	}{{"2023-03-31", "B", 70}, {"2023-03-30", "A", 70}, {"2023-04-01", "B", 65}, {"2022-03-31", "A", 0}, {"2022-03-30", "", 0}} {
		w := c.WorkforceOn(date(x.day))
		got := ""
		if len(w.Positions) > 0 {
			got = w.Positions[0].Name
		}
		if got != x.pos || len(w.Leavers) != 1 {
			t.Errorf("WorkforceOn(%s) = %q with %d leavers, want %q with 1", x.day, got, len(w.Leavers), x.pos)
		}
		tg, ok := c.TargetFor("cla_rate", date(x.day))
		if x.target == 0 && ok || x.target != 0 && (!ok || *tg.Target != x.target) {
			t.Errorf("TargetFor(%s) = %v %v, want %v", x.day, tg.Target, ok, x.target)
		}
	}
}

func TestCouncilDataValidate(t *testing.T) {
	for _, c := range []struct {
		name  string
		data  CouncilData
		field string // "" for valid
	}{
		{"empty", CouncilData{}, ""},
		{"good", CouncilData{Population: []PopulationYear{{2023, 63051}}, Targets: []Target{{Indicator: "rereferral_12m", Year: 2023, Green: num(20), Amber: num(25)}}}, ""},
		{"year twice", CouncilData{Population: []PopulationYear{{2023, 1}, {2023, 2}}}, "population[1].year"},
		{"no children", CouncilData{Population: []PopulationYear{{2023, 0}}}, "population[0].children"},
		{"unknown indicator", CouncilData{Targets: []Target{{Indicator: "nope", Year: 2023}}}, "targets[0].indicator"},
		{"thresholds the wrong way", CouncilData{Targets: []Target{{Indicator: "rereferral_12m", Year: 2023, Green: num(25), Amber: num(20)}}}, "targets[0].amber"},
		{"thresholds on demand", CouncilData{Targets: []Target{{Indicator: "contacts_month", Year: 2023, Green: num(25)}}}, "targets[0].green"},
		{"amber alone", CouncilData{Targets: []Target{{Indicator: "rereferral_12m", Year: 2023, Amber: num(25)}}}, "targets[0].green"},
		{"negative comparator", CouncilData{Targets: []Target{{Indicator: "rereferral_12m", Year: 2023, England: num(-1)}}}, "targets[0].england"},
		{"target twice", CouncilData{Targets: []Target{{Indicator: "cla_rate", Year: 2023}, {Indicator: "cla_rate", Year: 2023}}}, "targets[1].year"},
		{"count undated", CouncilData{Establishments: []Establishment{{}}}, "establishments[0].at"},
		{"position twice", CouncilData{Establishments: []Establishment{{At: date("2023-03-31"), Positions: []Position{{Name: "A"}, {Name: "A"}}}}}, "establishments[0].positions[1].name"},
		{"leaver of no FTE", CouncilData{Leavers: []Leaver{{Position: "SW", Left: date("2023-01-01")}}}, "leavers[0].fte"},
	} {
		err := c.data.Validate()
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if e := errs.As(err); e == nil || !errs.Fields(e.Fields).Has(c.field) {
			t.Errorf("%s: err = %v, want one naming %s", c.name, err, c.field)
		}
	}
}

func TestAllocatedWhereAndOnly(t *testing.T) {
	alloc := func(team int64, start, end string) journey.Record {
		r := journey.Record{Kind: journey.KindAllocation, Start: date(start), TeamID: teamID(team), WorkerID: access.UserID(100 + team)}
		if end != "" {
			r.End = date(end)
		}
		return r
	}
	kids := []Child{
		{ID: 1, Records: []journey.Record{alloc(7, "2022-01-01", "")}},
		{ID: 2, Records: []journey.Record{alloc(7, "2022-01-01", "2023-03-30")}},
		{ID: 3, Records: []journey.Record{alloc(8, "2022-01-01", "")}},
		{ID: 4, Records: []journey.Record{alloc(7, "2023-04-01", "")}},
		{ID: 5, Records: []journey.Record{alloc(7, "2022-01-01", "2023-03-31")}}, // open on the day it ends
	}
	kids = append(kids, Child{ID: 6, Records: []journey.Record{{Kind: journey.KindContact, Start: date("2022-01-01"), TeamID: 7}}}) // not an allocation
	only := func(match func(access.TeamID, access.UserID) bool) []int64 {
		var got []int64
		for _, k := range Prepare(Input{Children: kids}).Only(AllocatedWhere(date("2023-03-31"), match)).kids {
			got = append(got, int64(k.c.ID))
		}
		return got
	}
	if got := only(func(t access.TeamID, _ access.UserID) bool { return t == 7 }); !slices.Equal(got, []int64{1, 5}) {
		t.Errorf("team 7's children on 31 March = %v, want [1 5]", got)
	}
	if got := only(func(t access.TeamID, _ access.UserID) bool { return t == 7 || t == 8 }); !slices.Equal(got, []int64{1, 3, 5}) {
		t.Errorf("teams 7 and 8's children on 31 March = %v, want [1 3 5]", got)
	}
	if got := only(func(_ access.TeamID, w access.UserID) bool { return w == 108 }); !slices.Equal(got, []int64{3}) {
		t.Errorf("worker 108's children on 31 March = %v, want [3]", got)
	}
}

// TestSeedWorkforceCSV reads shared/domain/workforce-2023.csv as the
// council would import it, with the seed's leavers: the three published
// rates come out.
func TestSeedWorkforceCSV(t *testing.T) {
	f, err := os.Open("../../../shared/domain/workforce-2023.csv")
	if err != nil {
		f, err = os.Open("/work/shared/domain/workforce-2023.csv")
	}
	if err != nil {
		t.Skip("the seed's workforce table is not here")
	}
	defer f.Close()
	pos, err := ReadEstablishmentCSV("workforce-2023.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(pos) != 7 {
		t.Fatalf("read %d positions, want 7 (the Total row checked, not kept)", len(pos))
	}
	in := Input{Workforce: Workforce{Positions: pos, Leavers: seedLeavers()}}
	for id, want := range map[string]string{"vacancy_rate": "20.4", "agency_rate": "11.2", "turnover_rate": "12.9"} {
		def, _ := Lookup(id)
		if r := Compute(def, in, date("2023-03-30")); show(r.Value) != want {
			t.Errorf("%s from the CSV = %s, want %s", id, show(r.Value), want)
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	for _, c := range []struct {
		name, file string
		read       func(string) error
		want       []string // in the messages
	}{
		{"population: good", "year,children\n2022,62000\n2023,63051\n\n", population, nil},
		{"population: missing column", "year\n2022\n", population, []string{"p.csv, row 1, children: is missing"}},
		{"population: unknown column", "year,children,kids\n", population, []string{"p.csv, row 1, kids: is not a column"}},
		{"population: bad cells", "year,children\n20x2,1.5\n2023,abc\n2023,5\n", population,
			[]string{"p.csv, row 2, year: \"20x2\" is not a year", "p.csv, row 2, children: must be a whole number", "p.csv, row 3, children: \"abc\" is not a number", "p.csv, row 4, year: 2023 is also on row 3"}},
		{"targets: good", "indicator,year,target,green,amber,statistical_neighbours,region,england\nrereferral_12m,2023,20,20,25,22.1,21.9,21.5\ncla_rate,2023,,,,75,80,70\n", targets, nil},
		{"targets: unknown indicator, wrong thresholds", "indicator,year,green,amber\nnope,2023,,\n\nrereferral_12m,2023,25,20\n", targets,
			[]string{"p.csv, row 2, indicator: \"nope\" is not the id", "p.csv, row 4, amber: The amber threshold must be worse"}},
		{"targets: negative", "indicator,year,england\ncla_rate,2023,-1\n", targets, []string{"p.csv, row 2, england: must not be negative"}},
		{"establishment: total wrong", "position,budget_fte,permanent_fte,vacant_fte,agency_fte\nSW,10,8,2,1\nTotal,11,8,2,1\n", establishment,
			[]string{"p.csv, row 3, budget_fte: the total 11.00 is not the sum"}},
		{"establishment: sum column wrong", "position,budget_fte,permanent_fte,vacant_fte,agency_fte,permanent_plus_agency_fte\nSW,10,8,2,1,8\n", establishment,
			[]string{"p.csv, row 2, permanent_plus_agency_fte: 8.00 is not"}},
		{"establishment: case holding", "position,budget_fte,permanent_fte,vacant_fte,agency_fte,case_holding\nSW,10,8,2,1,maybe\n", establishment,
			[]string{"p.csv, row 2, case_holding: \"maybe\" is not yes or no"}},
		{"leavers: good", "ref,position,left,fte\nL1,Social Worker,2023-01-31,1\nL2,Social Worker,28/02/2023,0.6\n", leaversCSV, nil},
		{"leavers: bad", "ref,position,left,fte\nL1,,31/02/2023,0\n", leaversCSV,
			[]string{"row 2, position: is empty", "row 2, left: \"31/02/2023\" is not a date", "row 2, fte: must be more than 0"}},
		{"not CSV", "a,\"b\nc", population, []string{"is not CSV"}},
	} {
		err := c.read(c.file)
		if len(c.want) == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		e := errs.As(err)
		if e == nil {
			t.Errorf("%s: no error, want %q", c.name, c.want)
			continue
		}
		var all []string
		for _, f := range e.Fields {
			if f.Field != "file" {
				t.Errorf("%s: field %q, want file", c.name, f.Field)
			}
			all = append(all, f.Message)
		}
		joined := strings.Join(all, "\n")
		for _, w := range c.want {
			if !strings.Contains(joined, w) {
				t.Errorf("%s: errors\n%s\nwant one with %q", c.name, joined, w)
			}
		}
	}
}

func population(s string) error {
	_, err := ReadPopulationCSV("p.csv", strings.NewReader(s))
	return err
}
func targets(s string) error { _, err := ReadTargetsCSV("p.csv", strings.NewReader(s)); return err }
func establishment(s string) error {
	_, err := ReadEstablishmentCSV("p.csv", strings.NewReader(s))
	return err
}
func leaversCSV(s string) error { _, err := ReadLeaversCSV("p.csv", strings.NewReader(s)); return err }

func teamID(n int64) access.TeamID { return access.TeamID(n) }
