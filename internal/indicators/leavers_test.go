package indicators

import (
	"testing"

	"hearth/internal/people"
)

// careLeaver is a young person looked after from their 14th birthday to
// their 18th (when care ended, E17): a former relevant care leaver.
func careLeaver(id people.ID, dob, from14, to18 string) *cb {
	k := kid(id, dob)
	k.episode(ep{start: from14, end: to18, place: "U6", rne: "S", rec: "E17"})
	return k
}

// leaverCohort is around the year to 31 March 2023.
func leaverCohort() []Child {
	a := careLeaver(1, "2003-06-01", "2017-06-01", "2021-06-01") // 19 on 1 June 2022
	a.leaverContact("2022-03-01", "YES", "F1", "U1")             // 3 months before to the day
	b := careLeaver(2, "2002-09-10", "2016-09-10", "2020-09-10") // 20 on 10 September 2022
	b.leaverContact("2022-06-09", "YES", "F1", "U1")             // 3 months and a day before
	b.leaverContact("2022-10-11", "YES", "F1", "U1")             // a month and a day after
	c := careLeaver(3, "2004-12-01", "2018-12-01", "2022-12-01") // 18 on 1 December 2022, care ended that day
	c.leaverContact("2023-01-01", "YES", "G5", "B1")             // a month after to the day
	d := kid(4, "2005-06-01")                                    // 17 on 1 June 2022, still in care: not a care leaver yet
	d.inCare("2019-06-01", "")
	d.leaverContact("2022-06-01", "YES", "F2", "C1")
	e := careLeaver(5, "2004-02-29", "2018-03-01", "2022-03-01") // 19 on 1 March 2023, not a leap year
	e.leaverContact("2023-03-31", "YES", "G4", "S2")
	f := kid(6, "2003-05-01") // looked after a month at 16: qualifying only
	f.inCare("2019-06-01", "2019-07-01")
	f.leaverContact("2022-05-01", "YES", "F1", "U1")
	g := careLeaver(7, "2002-07-01", "2016-07-01", "2020-07-01") // 20 on 1 July 2022
	g.leaverContact("2022-05-01", "YES", "F1", "U1")
	g.leaverContact("2022-07-20", "NO", "G5", "U2") // the latest counts
	h := kid(8, "2003-06-01")                       // never in care
	h.leaverContact("2022-06-01", "YES", "F1", "U1")
	return kids(a, b, c, d, e, f, g, h)
}

func TestCareLeavers(t *testing.T) {
	at := "2023-03-31"
	den := []people.ID{1, 2, 5, 7}
	runCases(t, "cl_eet", []tc{{name: "19 to 21", at: at, children: leaverCohort(), want: val(25), num: []people.ID{1}, den: den}})
	runCases(t, "cl_suitable", []tc{{name: "19 to 21", at: at, children: leaverCohort(), want: val(25), num: []people.ID{1}, den: den}})
	runCases(t, "cl_in_touch", []tc{{name: "19 to 21", at: at, children: leaverCohort(), want: val(50), num: []people.ID{1, 5}, den: den}})

	// The 17 and 18 year olds apart: c alone.
	for id, want := range map[string]string{"cl_eet": "0", "cl_suitable": "100", "cl_in_touch": "100"} {
		def, _ := Lookup(id)
		r := Compute(def, Input{Children: leaverCohort()}, date(at))
		if len(r.Groups) != 2 || r.Groups[0].Name != "Aged 17 to 18" || show(r.Groups[0].Value) != want ||
			len(r.Groups[0].Denominator) != 1 || r.Groups[0].Denominator[0].PersonID != 3 {
			t.Errorf("%s 17 to 18: %+v, want %s of child 3", id, r.Groups, want)
		}
		if show(r.Groups[1].Value) != show(r.Value) {
			t.Errorf("%s: the headline %s is not the 19 to 21 group's %s", id, show(r.Value), show(r.Groups[1].Value))
		}
	}

	// Born 29 February 2004: the year to 29 February 2024 holds both the
	// 19th birthday (1 March 2023) and the 20th (29 February 2024). The
	// young person counts once, by the latest.
	e := careLeaver(5, "2004-02-29", "2018-03-01", "2022-03-01")
	e.leaverContact("2023-03-01", "YES", "F1", "U1")
	e.leaverContact("2024-02-01", "NO", "G5", "U2")
	runCases(t, "cl_in_touch", []tc{
		{name: "two birthdays in one year", at: "2024-02-29", children: kids(e), want: val(0), den: []people.ID{5}},
	})
}
