package ssda903

import (
	"slices"
	"testing"

	"hearth/internal/civil"
)

// lastReturn is the 2022-23 return before cleanReturn: C1 in the
// placement they were in since 2021, missing once and back; C3 looked
// after since January 2021, under a placement order from October 2022.
func lastReturn(t testing.TB) Return {
	return Return{
		Year: 2023, LA: "999",
		Header: []HeaderRow{
			{Child: "C1", Sex: "1", DOB: d("2010-05-10"), Ethnic: "WBRI", UPN: upn(t, "201000000001")},
			{Child: "C3", Sex: "2", DOB: d("2020-09-09"), Ethnic: "MWBC", UPN: "UN1"},
		},
		Episodes: []EpisodeRow{
			{Child: "C1", DECOM: d("2021-06-01"), RNE: "S", LS: "C2", CIN: "N1", Place: "U4", PlaceProvider: "PR1", HomePost: "AB1 2BD", PLPost: "AB3 4EF", URN: "SC123456"},
			{Child: "C3", DECOM: d("2021-01-10"), RNE: "S", LS: "C1", CIN: "N1", Place: "U6", PlaceProvider: "PR1", DEC: d("2022-10-01"), REC: "X1", URN: "SC777777"},
			{Child: "C3", DECOM: d("2022-10-01"), RNE: "L", LS: "E1", CIN: "N1", Place: "U6", PlaceProvider: "PR1", URN: "SC777777"},
		},
		Missing:    []MissingRow{{Child: "C1", DOB: d("2010-05-10"), Missing: "M", MisStart: d("2022-12-01"), MisEnd: d("2022-12-02")}},
		SWEpisodes: []SWEpisodeRow{{Child: "C1", DOB: d("2010-05-10"), SWID: "SW123", SWDECOM: d("2021-06-01"), SWReason: "FCONTA"}},
	}
}

func lastFindings(r, last Return, rule string) []Finding {
	return slices.DeleteFunc(ValidateWithLast(r, last), func(f Finding) bool { return f.Rule != rule })
}

func TestCleanAgainstLastYear(t *testing.T) {
	if f := ValidateWithLast(cleanReturn(t), lastReturn(t)); len(f) > 0 {
		t.Errorf("findings %+v", f)
	}
	// And a 2024-25 return against a 2023-24 one: sex written M and F.
	r, last := cleanReturn(t), cleanReturn(t)
	r.Year = 2025
	r.Header[0].Sex, r.Header[1].Sex, r.Header[2].Sex = "M", "F", "F"
	if f := lastFindings(r, last, "202"); len(f) > 0 {
		t.Errorf("sex 1 then M: %+v", f)
	}
}

type lastCase struct {
	rule   string
	year   Year // 0: 2023-24 against 2022-23
	pass   func(r, last *Return)
	fail   func(r, last *Return)
	table  Table
	column string
}

// lastCases give each year-on-year rule a pair of returns that keeps it
// and one that breaks it, each a change to cleanReturn and lastReturn.
var lastCases = []lastCase{
	{rule: "202", fail: func(r, _ *Return) { r.Header[0].Sex = "2" }, table: TableHeader, column: "SEX"},
	{rule: "203", fail: func(_, last *Return) { last.Header[1].DOB = d("2020-09-10") }, table: TableHeader, column: "DOB"},
	{rule: "204", pass: func(r, _ *Return) { r.Header[1].Ethnic = "OOTH" }, // C2 is not in last year's
		fail: func(r, _ *Return) { r.Header[0].Ethnic = "WOTH" }, table: TableHeader, column: "ETHNIC"},
	{rule: "502", pass: func(_, last *Return) {
		last.Episodes[0].DEC, last.Episodes[0].REC, last.Episodes[0].DECOM = d("2023-03-01"), "E4A", d("2021-05-01")
	},
		fail: func(_, last *Return) { last.Episodes[0].DECOM = d("2021-05-01") }, table: TableEpisodes, column: "DECOM"},
	{rule: "503A", fail: func(_, last *Return) { last.Episodes[2].RNE = "B" }, table: TableEpisodes, column: "RNE"},
	{rule: "503B", fail: func(r, _ *Return) { r.Episodes[2].LS = "C2" }, table: TableEpisodes, column: "LS"},
	{rule: "503C", fail: func(_, last *Return) { last.Episodes[0].CIN = "N2" }, table: TableEpisodes, column: "CIN"},
	{rule: "503D", fail: func(_, last *Return) { last.Episodes[0].Place = "U5" }, table: TableEpisodes, column: "PLACE"},
	{rule: "503E", fail: func(_, last *Return) { last.Episodes[0].PlaceProvider = "PR2" }, table: TableEpisodes, column: "PLACE_PROVIDER"},
	{rule: "503F", fail: func(_, last *Return) { last.Episodes[0].URN = "SC000001" }, table: TableEpisodes, column: "URN"},
	{rule: "562", pass: func(r, last *Return) { last.Episodes = last.Episodes[1:] }, // then it is NoE's
		fail: func(_, last *Return) { last.Episodes[2].DECOM = d("2022-10-02") }, table: TableEpisodes, column: "DECOM"},
	{rule: "NoE", fail: func(_, last *Return) { last.Episodes = last.Episodes[1:] }, table: TableEpisodes, column: "DECOM"},
	{rule: "576", pass: func(r, last *Return) { last.Missing[0].MisEnd = d("2022-12-02") },
		fail: func(r, last *Return) { last.Missing[0].MisEnd = civil.Date{} }, table: TableHeader, column: "CHILD"},
	{rule: "576", pass: func(r, last *Return) {
		last.Missing[0].MisEnd = civil.Date{}
		r.Missing = append(r.Missing, MissingRow{Child: "C1", DOB: d("2010-05-10"), Missing: "M", MisStart: d("2022-12-01"), MisEnd: d("2023-04-02")})
	}},
	{rule: "348", year: 2026, pass: func(_, last *Return) { last.OC3 = []OC3Row{{Child: "C2", InTouch: "YES", Activ: "F2", Accom: "D1"}} },
		fail: func(_, last *Return) { last.OC3 = []OC3Row{{Child: "C2", InTouch: "DIED"}} }, table: TableOC3, column: "IN_TOUCH"},
	{rule: "1010", pass: func(r, _ *Return) { r.OC3[0].Child = "C1" }, // C1 has episodes this year
		fail: func(r, last *Return) {
			last.Header = append(last.Header, HeaderRow{Child: "C2", Sex: "2", DOB: d("2004-10-10"), Ethnic: "BAFR", UPN: "UN5"})
			last.Episodes = append(last.Episodes, EpisodeRow{Child: "C2", DECOM: d("2020-01-01"), RNE: "S", LS: "C2", CIN: "N1", Place: "U4", PlaceProvider: "PR1"})
		}, table: TableOC3, column: "IN_TOUCH"},
	{rule: "SW16aSTG2", year: 2025, fail: func(_, last *Return) { last.SWEpisodes[0].SWID = "SW999" }, table: TableSWEpisodes, column: "SW_ID"},
	{rule: "SW16aSTG2", year: 2024, pass: func(_, last *Return) { last.SWEpisodes[0].SWID = "SW999" }},
	{rule: "SW16bSTG2", year: 2025, pass: func(_, last *Return) {
		last.SWEpisodes[0].SWDEC = d("2023-03-01")
		last.SWEpisodes[0].SWDECOM = d("2021-06-02")
	},
		fail: func(_, last *Return) { last.SWEpisodes[0].SWDECOM = d("2021-06-02") }, table: TableSWEpisodes, column: "SW_DECOM"},
	{rule: "SW16cSTG2", year: 2025, fail: func(_, last *Return) { last.SWEpisodes[0].SWReason = "MANAGE" }, table: TableSWEpisodes, column: "SW_REASON"},
}

func TestLastYearRules(t *testing.T) {
	for _, c := range lastCases {
		y := cmpYear(c.year)
		t.Run(c.rule+"/"+y.String(), func(t *testing.T) {
			both := func() (Return, Return) {
				r, last := cleanReturn(t), lastReturn(t)
				r.Year, last.Year = y, y-1
				return r, last
			}
			r, last := both()
			if c.pass != nil {
				c.pass(&r, &last)
			}
			if f := lastFindings(r, last, c.rule); len(f) > 0 {
				t.Errorf("kept, but found %+v", f)
			}
			if c.fail == nil {
				return
			}
			r, last = both()
			c.fail(&r, &last)
			f := lastFindings(r, last, c.rule)
			if len(f) == 0 {
				t.Fatal("broken, but not found")
			}
			if f[0].Table != c.table || f[0].Column != c.column || f[0].Row < 2 || f[0].Child == "" {
				t.Errorf("finding %+v, want table %s column %s", f[0], c.table, c.column)
			}
		})
	}
}

// TestEveryLastRuleTested: each rule ValidateWithLast adds has a failing
// case.
func TestEveryLastRuleTested(t *testing.T) {
	for _, ru := range lastRules {
		if !slices.ContainsFunc(lastCases, func(c lastCase) bool { return c.rule == ru.code && c.fail != nil }) {
			t.Errorf("rule %s has no failing case", ru.code)
		}
	}
}
