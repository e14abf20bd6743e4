package ssda903

import (
	"reflect"
	"testing"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

func TestYear(t *testing.T) {
	y := Year(2023)
	if y.Start() != d("2022-04-01") || y.End() != d("2023-03-31") || y.String() != "2022-23" || y.care() != care.Year(2022) {
		t.Errorf("Year 2023 = %s to %s, %q, care %v", y.Start(), y.End(), y, y.care())
	}
	for _, c := range []struct {
		d    string
		want bool
	}{{"2022-03-31", false}, {"2022-04-01", true}, {"2023-03-31", true}, {"2023-04-01", false}} {
		if got := y.In(d(c.d)); got != c.want {
			t.Errorf("In(%s) = %v", c.d, got)
		}
	}
	if y.In(d("0001-01-01")) || y.In(civil.Date{}) {
		t.Error("In holds a date far outside, or the zero date")
	}
}

func person(id people.ID, dob string) people.Person {
	return people.Person{ID: id, DateOfBirth: d(dob), Sex: "1", Ethnicity: "WBRI"}
}

func s(start, end string, place, rne, rec string) journey.Record {
	return episode(0, start, end, care.Episode{LegalStatus: "C2", Need: "N1", Placement: place, Provider: "PR1", ReasonNew: rne, ReasonCeased: rec})
}

// TestEpisodeScope: an episode is in the year's return when open on some
// day of it, and an end after 31 March had not happened by then.
func TestEpisodeScope(t *testing.T) {
	for _, c := range []struct {
		name       string
		start, end string
		in         bool
		dec        string
	}{
		{"ended before the year", "2020-01-01", "2023-03-31", false, ""},
		{"ended on the year's first day", "2020-01-01", "2023-04-01", true, "2023-04-01"},
		{"spans the year's start, open", "2020-01-01", "", true, ""},
		{"within the year", "2023-05-01", "2023-06-01", true, "2023-06-01"},
		{"ends after the year: open on 31 March", "2023-05-01", "2024-04-02", true, ""},
		{"starts on 31 March", "2024-03-31", "", true, ""},
		{"starts after the year", "2024-04-01", "", false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := "E4A"
			if c.end == "" {
				rec = ""
			}
			r := Build(2024, "999", []Child{{Person: person(1, "2010-01-01"), Records: []journey.Record{s(c.start, c.end, "U4", "S", rec)}}})
			if got := len(r.Episodes) == 1; got != c.in {
				t.Fatalf("in the return: %v, want %v", got, c.in)
			}
			if !c.in {
				if len(r.Header) != 0 {
					t.Error("a child with no episode in the year is in the Header")
				}
				return
			}
			e := r.Episodes[0]
			if e.DEC.String() != c.dec || (e.DEC.IsZero() != (e.REC == "")) {
				t.Errorf("DEC %s REC %q, want DEC %q with its reason", e.DEC, e.REC, c.dec)
			}
		})
	}
}

// TestReasonPlaceChange: the reason the child moved, which Hearth records
// on the episode moved into, is the 903's on the episode that ended; not
// for a change of legal status alone, nor when the move falls after 31
// March.
func TestReasonPlaceChange(t *testing.T) {
	move := func(at, rne string) []journey.Record {
		a := s("2022-01-01", at, "U4", "S", "X1")
		b := s(at, "", "U6", rne, "")
		b.CareEpisode.ReasonPlaceChange = "CHILD"
		return []journey.Record{a, b}
	}
	for _, c := range []struct {
		name    string
		records []journey.Record
		want    string
	}{
		{"moved in the year", move("2023-10-01", "P"), "CHILD"},
		{"legal status only", move("2023-10-01", "L"), ""},
		{"moved after 31 March", move("2024-04-05", "P"), ""},
	} {
		r := Build(2024, "999", []Child{{Person: person(1, "2010-01-01"), Records: c.records}})
		if got := r.Episodes[0].ReasonPlaceChange; got != c.want {
			t.Errorf("%s: REASON_PLACE_CHANGE %q, want %q", c.name, got, c.want)
		}
		if last := r.Episodes[len(r.Episodes)-1]; last.DEC.IsZero() && last.ReasonPlaceChange != "" {
			t.Errorf("%s: the open episode has a reason for a change", c.name)
		}
	}
}

func TestHomePost(t *testing.T) {
	addr := func(pc, from, to string) people.Address {
		a := people.Address{Postcode: pc, StartDate: d(from)}
		if to != "" {
			a.EndDate = d(to)
		}
		return a
	}
	for _, c := range []struct {
		name  string
		addrs []people.Address
		want  string
	}{
		{"the address in force at the episode's start", []people.Address{addr("AA1 1AA", "2010-01-01", "2022-12-31"), addr("BB1 1BB", "2022-12-31", "")}, "AA1 1AA"},
		{"the latest begun of two in force, written as the return writes it", []people.Address{addr("AA1 1AA", "2010-01-01", ""), addr("bb11bb", "2020-01-01", "")}, "BB1 1BB"},
		{"not a postcode: as recorded, in capitals", []people.Address{addr(" x1 ", "2010-01-01", "")}, "X1"},
		{"none then: the current one", []people.Address{addr("DD1 1DD", "2023-06-01", "")}, "DD1 1DD"},
		{"none at all", nil, ""},
	} {
		p := person(1, "2010-01-01")
		p.Addresses = c.addrs
		r := Build(2024, "999", []Child{{Person: p, Records: []journey.Record{s("2022-06-01", "", "U4", "S", "")}}})
		if got := r.Episodes[0].HomePost; got != c.want {
			t.Errorf("%s: HOME_POST %q, want %q", c.name, got, c.want)
		}
	}

	// Placed with adopters in the year, whose address the child's record
	// then takes: the home stays the one the child came into care from.
	p := person(1, "2018-01-01")
	p.Addresses = []people.Address{addr("AA1 1AA", "2018-01-01", "2023-09-01"), addr("BB1 1BB", "2023-09-01", "")}
	recs := []journey.Record{s("2022-06-01", "2023-09-01", "U4", "S", "X1"), s("2023-09-01", "", "A4", "P", "")}
	r := Build(2024, "999", []Child{{Person: p, Records: recs}})
	if r.Episodes[0].HomePost != "AA1 1AA" || r.Episodes[1].HomePost != "AA1 1AA" {
		t.Errorf("HOME_POST %q then %q, want AA1 1AA in both", r.Episodes[0].HomePost, r.Episodes[1].HomePost)
	}
}

func TestSexByYear(t *testing.T) {
	for _, c := range []struct {
		y         Year
		sex, want string
	}{{2024, "1", "1"}, {2024, "2", "2"}, {2025, "1", "M"}, {2025, "2", "F"}, {2025, "9", "U"}, {2025, "0", "U"}} {
		p := person(1, "2010-01-01")
		p.Sex = c.sex
		r := Build(c.y, "999", []Child{{Person: p, Records: []journey.Record{s("2020-06-01", "", "U4", "S", ""), record(2, journey.KindUASC, "2020-06-01", "")}}})
		if r.Header[0].Sex != c.want || r.UASC[0].Sex != c.want {
			t.Errorf("%s, sex %s: Header %q UASC %q, want %q", c.y, c.sex, r.Header[0].Sex, r.UASC[0].Sex, c.want)
		}
	}
}

// TestOC2Cohort: looked after continuously from 1 April to 31 March, not
// on short breaks alone.
func TestOC2Cohort(t *testing.T) {
	for _, c := range []struct {
		name    string
		records []journey.Record
		want    bool
	}{
		{"from before the year, open", []journey.Record{s("2022-01-01", "", "U4", "S", "")}, true},
		{"from the year's first day", []journey.Record{s("2023-04-01", "", "U4", "S", "")}, true},
		{"from its second day", []journey.Record{s("2023-04-02", "", "U4", "S", "")}, false},
		{"ceased on 31 March", []journey.Record{s("2022-01-01", "2024-03-31", "U4", "S", "E4A")}, false},
		{"ceased after 31 March", []journey.Record{s("2022-01-01", "2024-04-01", "U4", "S", "E4A")}, true},
		{"through a move", []journey.Record{s("2022-01-01", "2023-09-01", "U4", "S", "X1"), s("2023-09-01", "", "U6", "P", "")}, true},
		{"a gap in the year", []journey.Record{s("2022-01-01", "2023-09-01", "U4", "S", "E4A"), s("2023-09-10", "", "U6", "S", "")}, false},
		{"short breaks", []journey.Record{episode(0, "2022-01-01", "", care.Episode{LegalStatus: "V3", Need: "N2", Placement: "K2", ReasonNew: "S"})}, false},
	} {
		r := Build(2024, "999", []Child{{Person: person(1, "2010-01-01"), Records: c.records}})
		if got := len(r.OC2) == 1; got != c.want {
			t.Errorf("%s: in OC2 %v, want %v", c.name, got, c.want)
		}
	}
}

func TestOC2Columns(t *testing.T) {
	score := 30
	sdq := record(5, journey.KindSDQ, "2023-09-01", "")
	sdq.SDQ.Score = &score
	noScore := record(6, journey.KindSDQ, "2023-05-01", "")
	noScore.SDQ.Reason = "SDQ5"
	stale := record(7, journey.KindImmunisations, "2023-12-01", "")
	stale.Immunisations.UpToDate = false
	base := []journey.Record{s("2020-01-01", "", "U4", "S", "")}
	for _, c := range []struct {
		name    string
		dob     string
		records []journey.Record
		want    OC2Row
	}{
		{"nothing recorded", "2010-01-01", nil, OC2Row{Immunisations: "0", TeethCheck: "0", HealthAssessment: "0"}},
		{"checks in the year; the latest SDQ", "2010-01-01", []journey.Record{
			record(1, journey.KindHealthAssessment, "2023-04-01", ""), record(2, journey.KindDentalCheck, "2024-03-31", ""),
			record(3, journey.KindImmunisations, "2023-06-01", ""), noScore, sdq},
			OC2Row{SDQScore: "30", Immunisations: "1", TeethCheck: "1", HealthAssessment: "1"}},
		{"checks before the year do not count; immunisations as last checked", "2010-01-01", []journey.Record{
			record(1, journey.KindHealthAssessment, "2023-03-31", ""), record(2, journey.KindDentalCheck, "2024-04-01", ""),
			record(3, journey.KindImmunisations, "2023-06-01", ""), stale, noScore},
			OC2Row{SDQReason: "SDQ5", Immunisations: "0", TeethCheck: "0", HealthAssessment: "0"}},
		{"no SDQ under 4 at 31 March", "2020-04-01", []journey.Record{sdq}, OC2Row{Immunisations: "0", TeethCheck: "0", HealthAssessment: "0"}},
		{"an SDQ at 4 on 31 March", "2020-03-31", []journey.Record{sdq}, OC2Row{SDQScore: "30", Immunisations: "0", TeethCheck: "0", HealthAssessment: "0"}},
		{"no SDQ at 17 on 1 April", "2006-04-01", []journey.Record{sdq}, OC2Row{Immunisations: "0", TeethCheck: "0", HealthAssessment: "0"}},
	} {
		r := Build(2024, "999", []Child{{Person: person(1, c.dob), Records: append(append([]journey.Record{}, base...), c.records...)}})
		c.want.Child, c.want.DOB = "1", d(c.dob)
		if len(r.OC2) != 1 || !reflect.DeepEqual(r.OC2[0], c.want) {
			t.Errorf("%s: OC2 %+v, want %+v", c.name, r.OC2, c.want)
		}
	}
}

// TestOC3Cohort: a relevant or former relevant care leaver whose 17th to
// 21st birthday is in the year, not looked after on it; the contact in the
// month either side of it gives the columns.
func TestOC3Cohort(t *testing.T) {
	contact := func(on string) journey.Record {
		c := record(9, journey.KindLeaverContact, on, "")
		c.LeaverContact = &care.LeaverContact{InTouch: "YES", Activity: "F5", Accommodation: "U1"}
		return c
	}
	for _, c := range []struct {
		name     string
		y        Year
		dob      string
		records  []journey.Record
		in       bool
		inTouch  string
		episodes bool
	}{
		{"19 in the year, former relevant", 2024, "2004-10-10", []journey.Record{s("2018-01-01", "2022-10-10", "U4", "S", "E17"), contact("2023-10-01")}, true, "YES", false},
		{"no contact: the columns blank", 2024, "2004-10-10", []journey.Record{s("2018-01-01", "2022-10-10", "U4", "S", "E17")}, true, "", false},
		{"a contact two months off does not count", 2024, "2004-10-10", []journey.Record{s("2018-01-01", "2022-10-10", "U4", "S", "E17"), contact("2023-12-15")}, true, "", false},
		{"22 in the year", 2024, "2001-10-10", []journey.Record{s("2015-01-01", "2019-10-10", "U4", "S", "E17")}, false, "", false},
		{"looked after on their 17th birthday", 2024, "2006-10-10", []journey.Record{s("2020-01-01", "", "U4", "S", "")}, false, "", true},
		{"17, left care at 16 after years in care: relevant", 2024, "2006-10-10", []journey.Record{s("2019-01-01", "2023-01-10", "U4", "S", "E13")}, true, "", false},
		{"in care only before 16: not a care leaver", 2024, "2004-10-10", []journey.Record{s("2015-01-01", "2019-01-01", "U4", "S", "E4A")}, false, "", false},
		{"in care only 4 weeks at 16: qualifying, not in OC3", 2024, "2004-10-10", []journey.Record{s("2020-11-01", "2020-11-29", "U4", "S", "E4A")}, false, "", false},
		// Born 29 February: in 2022-23 the 19th birthday is 1 March 2023.
		{"leap-day birthday in a common year", 2023, "2004-02-29", []journey.Record{s("2018-01-01", "2022-03-01", "U4", "S", "E17"), contact("2023-03-20")}, true, "YES", false},
		{"leap-day birthday: a contact before 1 February is too early", 2023, "2004-02-29", []journey.Record{s("2018-01-01", "2022-03-01", "U4", "S", "E17"), contact("2023-01-31")}, true, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Build(c.y, "999", []Child{{Person: person(1, c.dob), Records: c.records}})
			if got := len(r.OC3) == 1; got != c.in {
				t.Fatalf("in OC3 %v, want %v", got, c.in)
			}
			if c.in && (r.OC3[0].InTouch != c.inTouch || len(r.Header) != 1) {
				t.Errorf("OC3 %+v, Header %d rows", r.OC3[0], len(r.Header))
			}
			if got := len(r.Episodes) > 0; got != c.episodes {
				t.Errorf("episodes %v, want %v", got, c.episodes)
			}
		})
	}
}

func TestMissingScope(t *testing.T) {
	recs := []journey.Record{
		s("2023-05-01", "2023-12-01", "U4", "S", "E4A"),
		record(1, journey.KindMissing, "2023-04-20", "2023-04-21"), // before care
		record(2, journey.KindMissing, "2023-05-01", ""),           // the day care began, still missing
		record(3, journey.KindMissing, "2023-11-30", "2024-04-03"), // returned after 31 March
		record(4, journey.KindMissing, "2023-12-01", "2023-12-02"), // the day care ended: no longer in care
	}
	r := Build(2024, "999", []Child{{Person: person(1, "2010-01-01"), Records: recs}})
	if len(r.Missing) != 2 || r.Missing[0].MisStart != d("2023-05-01") || !r.Missing[1].MisEnd.IsZero() {
		t.Errorf("Missing %+v", r.Missing)
	}
}

func TestSocialWorkerEpisodes(t *testing.T) {
	alloc := func(start, end, reason string) journey.Record {
		a := record(0, journey.KindAllocation, start, end)
		a.Allocation.Reason = reason
		return a
	}
	unassigned := alloc("2023-05-01", "", "")
	unassigned.WorkerID = 0
	recs := []journey.Record{
		s("2023-06-01", "", "U4", "S", ""),
		alloc("2022-01-01", "2023-03-31", ""),        // ended before the year
		alloc("2023-01-01", "2023-06-01", "fconta "), // before care too: reported
		alloc("2023-06-01", "", "a new worker"),      // not a 903 code
		unassigned,
	}
	r := Build(2024, "999", []Child{{Person: person(1, "2010-01-01"), Records: recs}})
	if len(r.SWEpisodes) != 2 || r.SWEpisodes[0].SWReason != "FCONTA" || r.SWEpisodes[1].SWReason != "" || r.SWEpisodes[0].SWID != "" {
		t.Errorf("SWEpisodes %+v", r.SWEpisodes)
	}
	if r := Build(2023, "999", []Child{{Person: person(1, "2010-01-01"), Records: recs}}); len(r.SWEpisodes) != 0 {
		t.Error("social worker episodes before 2023-24")
	}
	left := append([]journey.Record{s("2023-06-01", "2024-01-01", "U4", "S", "E4A")}, recs[1:]...)
	if r := Build(2024, "999", []Child{{Person: person(1, "2010-01-01"), Records: left}}); len(r.SWEpisodes) != 0 {
		t.Error("social worker episodes of a child not looked after on 31 March")
	}
}

func TestAdoptionTables(t *testing.T) {
	reversed := record(1, journey.KindAdoption, "2023-05-01", "2023-11-01")
	reversed.Adoption.ReasonCeased = "RD1"
	old := record(2, journey.KindAdoption, "2021-05-01", "2022-11-01")
	old.Adoption.ReasonCeased = "RD3"
	later := record(3, journey.KindAdoption, "2024-01-10", "2024-05-01")
	later.Adoption.ReasonCeased = "RD4"
	r := Build(2024, "999", []Child{{Person: person(1, "2018-01-01"), Records: []journey.Record{s("2020-01-01", "", "U4", "S", ""), reversed, old, later}}})
	want := []PlacedAdoptionRow{
		{Child: "1", DOB: d("2018-01-01"), DatePlaced: d("2023-05-01"), DatePlacedCeased: d("2023-11-01"), ReasonPlacedCeased: "RD1"},
		{Child: "1", DOB: d("2018-01-01"), DatePlaced: d("2024-01-10")},
	}
	if !reflect.DeepEqual(r.PlacedAdoption, want) || len(r.AD1) != 0 {
		t.Errorf("PlacedAdoption %+v, AD1 %+v", r.PlacedAdoption, r.AD1)
	}
}

func TestBuildIgnoresInputOrder(t *testing.T) {
	a := goldenChildren(t)
	b := goldenChildren(t)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	for i := range b {
		rs := b[i].Records
		for x, y := 0, len(rs)-1; x < y; x, y = x+1, y-1 {
			rs[x], rs[y] = rs[y], rs[x]
		}
	}
	if !reflect.DeepEqual(Build(2024, "999", a), Build(2024, "999", b)) {
		t.Error("the order of the children or their records changed the return")
	}
}

func TestUPN(t *testing.T) {
	for _, c := range []struct {
		upn, unknown, want string
	}{
		{"a801200005001", "UN2", "A801200005001"}, // as the person record allows it, in lower case
		{"", "UN2", "UN2"},
		{"", "", ""},
	} {
		p := person(1, "2010-01-01")
		p.Identifiers.UPN = c.upn
		r := Build(2024, "999", []Child{{Person: p, UPNUnknown: c.unknown, Records: []journey.Record{s("2022-06-01", "", "U4", "S", "")}}})
		if got := r.Header[0].UPN; got != c.want {
			t.Errorf("UPN %q, unknown %q: %q, want %q", c.upn, c.unknown, got, c.want)
		}
	}
}

// TestSources: each row of a built return has its source, and a finding
// leads to the record that gave its row.
func TestSources(t *testing.T) {
	children := goldenChildren(t)
	// C001's second review, with a code the return has no place for.
	children[0].Records[3].CareReview.Participation = "PN9"
	r, src := BuildWithSources(2024, "999", children)
	for _, tb := range Tables(2024) {
		sp, _ := specOf(tb)
		if len(src[tb]) != sp.n(&r) {
			t.Errorf("%s: %d rows, %d sources", tb, sp.n(&r), len(src[tb]))
		}
	}
	if !reflect.DeepEqual(r, Build(2024, "999", children)) {
		t.Error("BuildWithSources and Build differ")
	}
	f := findings(r, "167")
	if len(f) != 1 {
		t.Fatalf("findings %+v", f)
	}
	if s, ok := src.Of(f[0]); !ok || s != (Source{Person: 1, Record: 102}) {
		t.Errorf("source %+v, %v; want person 1, review 102", s, ok)
	}
	for _, c := range []struct {
		table Table
		want  Source
	}{
		{TableHeader, Source{Person: 3}},               // the care leaver "3", first by CHILD
		{TableEpisodes, Source{Person: 1, Record: 11}}, // C001's first episode
		{TableOC3, Source{Person: 3, Record: 301}},     // the contact
		{TableAD1, Source{Person: 4, Record: 403}},     // the plan for adoption
		{TableMissing, Source{Person: 1, Record: 107}},
		{TableSWEpisodes, Source{Person: 1, Record: 110}},
		{TableUASC, Source{Person: 2, Record: 206}},
	} {
		if got, ok := src.Of(Finding{Table: c.table, Row: 2}); !ok || got != c.want {
			t.Errorf("%s row 2: %+v, want %+v", c.table, got, c.want)
		}
	}
	if _, ok := src.Of(Finding{Table: TableHeader, Row: 0}); ok {
		t.Error("a source for a finding with no row")
	}
}
