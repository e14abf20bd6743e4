package ssda903

import (
	"slices"
	"strings"
	"testing"

	"hearth/internal/civil"
)

// cleanReturn is a small 2023-24 return that breaks none of the rules: C1
// looked after since 2021 and moved in the year, with a review, OC2, a
// missing period and social workers; C2 a care leaver at 19; C3 adopted.
func cleanReturn(t testing.TB) Return {
	return Return{
		Year: 2024, LA: "999",
		Header: []HeaderRow{
			{Child: "C1", Sex: "1", DOB: d("2010-05-10"), Ethnic: "WBRI", UPN: upn(t, "201000000001")},
			{Child: "C2", Sex: "2", DOB: d("2004-10-10"), Ethnic: "BAFR", UPN: "UN5"},
			{Child: "C3", Sex: "2", DOB: d("2020-09-09"), Ethnic: "MWBC", UPN: "UN1"},
		},
		Episodes: []EpisodeRow{
			{Child: "C1", DECOM: d("2021-06-01"), RNE: "S", LS: "C2", CIN: "N1", Place: "U4", PlaceProvider: "PR1", DEC: d("2023-09-15"), REC: "X1",
				ReasonPlaceChange: "CARPL", HomePost: "AB1 2BD", PLPost: "AB3 4EF", URN: "SC123456"},
			{Child: "C1", DECOM: d("2023-09-15"), RNE: "P", LS: "C2", CIN: "N1", Place: "U6", PlaceProvider: "PR4", HomePost: "AB1 2BD", PLPost: "AB5 6GH", URN: "SC654321"},
			{Child: "C3", DECOM: d("2022-10-01"), RNE: "L", LS: "E1", CIN: "N1", Place: "U6", PlaceProvider: "PR1", DEC: d("2023-07-01"), REC: "X1", ReasonPlaceChange: "CARPL", URN: "SC777777"},
			{Child: "C3", DECOM: d("2023-07-01"), RNE: "P", LS: "E1", CIN: "N1", Place: "A6", PlaceProvider: "PR1", DEC: d("2024-02-20"), REC: "E11", URN: "SC888888"},
		},
		Reviews: []ReviewRow{{Child: "C1", DOB: d("2010-05-10"), Review: d("2023-05-01"), ReviewCode: "PN1"}},
		UASC:    []UASCRow{{Child: "C1", Sex: "1", DOB: d("2010-05-10")}},
		OC2: []OC2Row{{Child: "C1", DOB: d("2010-05-10"), SDQScore: "14", Convicted: "0", Immunisations: "1", TeethCheck: "1",
			HealthAssessment: "1", SubstanceMisuse: "0"}},
		OC3:            []OC3Row{{Child: "C2", DOB: d("2004-10-10"), InTouch: "YES", Activ: "F2", Accom: "D1"}},
		AD1:            []AD1Row{{Child: "C3", DOB: d("2020-09-09"), DateInt: d("2022-11-01"), DateMatch: d("2023-06-01"), FosterCare: "0", NBAdoptr: "2", SexAdoptr: "MF", LSAdoptr: "L11"}},
		PlacedAdoption: []PlacedAdoptionRow{{Child: "C3", DOB: d("2020-09-09"), DatePlaced: d("2022-11-01")}},
		Missing:        []MissingRow{{Child: "C1", DOB: d("2010-05-10"), Missing: "M", MisStart: d("2023-10-01"), MisEnd: d("2023-10-03")}},
		SWEpisodes: []SWEpisodeRow{
			{Child: "C1", DOB: d("2010-05-10"), SWID: "SW123", SWDECOM: d("2021-06-01"), SWDEC: d("2023-10-10"), SWReason: "FCONTA"},
			{Child: "C1", DOB: d("2010-05-10"), SWID: "SW456", SWDECOM: d("2023-10-10"), SWReason: "LEFTRL"},
		},
	}
}

func TestCleanReturnHasNoFindings(t *testing.T) {
	if f := Validate(cleanReturn(t)); len(f) > 0 {
		t.Errorf("findings %+v", f)
	}
}

// ruleCases give each rule a return that keeps it and one that breaks it,
// from its definition, each a change to cleanReturn; where it breaks,
// table and column say where the finding points.
type ruleCase struct {
	rule   string
	year   Year // 0: 2023-24
	pass   func(r *Return)
	fail   func(r *Return)
	table  Table
	column string
}

var ruleCases = []ruleCase{
	{rule: "101", pass: func(r *Return) { r.Header[0].Sex = "2" }, fail: func(r *Return) { r.Header[0].Sex = "M" }, table: TableHeader, column: "SEX"},
	{rule: "101", year: 2025, pass: func(r *Return) { r.Header[0].Sex = "U" }, fail: func(r *Return) { r.Header[0].Sex = "1" }, table: TableHeader, column: "SEX"},
	{rule: "102", fail: func(r *Return) { r.Header[0].DOB = civil.Date{} }, table: TableHeader, column: "DOB"},
	{rule: "103", pass: func(r *Return) { r.Header[0].Ethnic = "NOBT" }, fail: func(r *Return) { r.Header[0].Ethnic = "WBR" }, table: TableHeader, column: "ETHNIC"},
	{rule: "168", pass: func(r *Return) { r.Header[0].UPN = "UN4" }, fail: func(r *Return) { r.Header[0].UPN = "UN6" }, table: TableHeader, column: "UPN"},
	{rule: "168", fail: func(r *Return) { r.Header[0].UPN = strings.ToLower(r.Header[0].UPN) }, table: TableHeader, column: "UPN"},
	{rule: "301", pass: func(r *Return) { r.Header[0].DOB = d("2024-03-31") }, fail: func(r *Return) { r.Header[0].DOB = d("2024-04-01") }, table: TableHeader, column: "DOB"},
	{rule: "351", pass: func(r *Return) { r.Header[1].DOB = d("1998-04-02") }, fail: func(r *Return) { r.Header[1].DOB = d("1998-04-01") }, table: TableHeader, column: "DOB"},

	{rule: "141", fail: func(r *Return) { r.Episodes[1].DECOM = civil.Date{} }, table: TableEpisodes, column: "DECOM"},
	{rule: "143", pass: func(r *Return) { r.Episodes[1].RNE = "T" }, fail: func(r *Return) { r.Episodes[1].RNE = "X" }, table: TableEpisodes, column: "RNE"},
	{rule: "144", pass: func(r *Return) { r.Episodes[1].LS = "J3" }, fail: func(r *Return) { r.Episodes[1].LS = "C3" }, table: TableEpisodes, column: "LS"},
	{rule: "145", pass: func(r *Return) { r.Episodes[1].CIN = "N8" }, fail: func(r *Return) { r.Episodes[1].CIN = "N9" }, table: TableEpisodes, column: "CIN"},
	{rule: "146", pass: func(r *Return) { r.Episodes[1].Place = "H5" }, fail: func(r *Return) { r.Episodes[1].Place = "K3" }, table: TableEpisodes, column: "PLACE"},
	{rule: "146", year: 2026, pass: func(r *Return) { r.Episodes[1].Place = "Z11" }, fail: func(r *Return) { r.Episodes[1].Place = "Z1" }, table: TableEpisodes, column: "PLACE"},
	{rule: "149", pass: func(r *Return) { r.Episodes[3].REC = "E12" }, fail: func(r *Return) { r.Episodes[3].REC = "E10" }, table: TableEpisodes, column: "REC"},
	{rule: "178", pass: func(r *Return) { r.Episodes[1].PlaceProvider = "PR5" }, fail: func(r *Return) { r.Episodes[1].PlaceProvider = "PR6" }, table: TableEpisodes, column: "PLACE_PROVIDER"},
	{rule: "1009", pass: func(r *Return) { r.Episodes[0].ReasonPlaceChange = "CUSTOD" }, fail: func(r *Return) { r.Episodes[0].ReasonPlaceChange = "CARE" }, table: TableEpisodes, column: "REASON_PLACE_CHANGE"},

	{rule: "148", fail: func(r *Return) { r.Episodes[3].REC = "" }, table: TableEpisodes, column: "DEC"},
	{rule: "148", fail: func(r *Return) { r.Episodes[1].REC = "E4A" }, table: TableEpisodes, column: "DEC"},
	{rule: "354", pass: func(r *Return) { r.Episodes[1].DECOM = d("2024-03-31") }, fail: func(r *Return) { r.Episodes[1].DECOM = d("2024-04-01") }, table: TableEpisodes, column: "DECOM"},
	{rule: "385", pass: func(r *Return) { r.Episodes[3].DEC = d("2024-03-31") }, fail: func(r *Return) { r.Episodes[3].DEC = d("2024-04-01") }, table: TableEpisodes, column: "DEC"},
	{rule: "356", fail: func(r *Return) { r.Episodes[3].DEC = d("2023-06-30") }, table: TableEpisodes, column: "DEC"},
	{rule: "355", pass: func(r *Return) { r.Episodes[3].DEC = d("2023-07-02") }, fail: func(r *Return) { r.Episodes[3].DEC = d("2023-07-01") }, table: TableEpisodes, column: "DEC"},
	{rule: "302", pass: func(r *Return) { r.Header[2].DOB = d("2022-10-01") }, fail: func(r *Return) { r.Header[2].DOB = d("2022-10-02") }, table: TableEpisodes, column: "DECOM"},
	{rule: "501", pass: func(r *Return) {
		r.Episodes[1].DECOM = d("2023-09-16")
		r.Episodes[1].RNE = "S"
		r.Episodes[0].REC = "E4A"
	},
		fail: func(r *Return) { r.Episodes[1].DECOM = d("2023-09-14") }, table: TableEpisodes, column: "DECOM"},
	{rule: "142", fail: func(r *Return) { r.Episodes[0].DEC, r.Episodes[0].REC = civil.Date{}, "" }, table: TableEpisodes, column: "DEC"},
	{rule: "388", pass: func(r *Return) { r.Episodes[3].REC = "E11" }, fail: func(r *Return) { r.Episodes[3].REC = "X1" }, table: TableEpisodes, column: "REC"},
	{rule: "433", pass: func(r *Return) { r.Episodes[2].RNE = "P" }, // the first episode, from before the year
		fail: func(r *Return) { r.Episodes[1].DECOM = d("2023-09-16") }, table: TableEpisodes, column: "RNE"},
	{rule: "431", fail: func(r *Return) { r.Episodes[1].RNE = "S" }, table: TableEpisodes, column: "RNE"},
	{rule: "432", pass: func(r *Return) { r.Episodes[0].REC = "E4A"; r.Episodes[1].RNE = "S" },
		fail: func(r *Return) { r.Episodes[0].REC = "E4A" }, table: TableEpisodes, column: "RNE"},
	{rule: "504", pass: func(r *Return) { r.Episodes[0].CIN, r.Episodes[1].CIN = "N2", "N2" }, fail: func(r *Return) { r.Episodes[1].CIN = "N2" }, table: TableEpisodes, column: "CIN"},

	{rule: "380", pass: func(r *Return) { r.Episodes[1].Place = "T1"; r.Episodes[1].PlaceProvider = "" },
		fail: func(r *Return) { r.Episodes[0].Place = "T1" }, table: TableEpisodes, column: "PLACE"},
	{rule: "381", pass: func(r *Return) { r.Episodes[0].Place = "T2" }, fail: func(r *Return) { r.Episodes[3].Place = "T2" }, table: TableEpisodes, column: "REC"},
	{rule: "217", pass: func(r *Return) { r.Episodes[3].Place, r.Episodes[3].RNE = "A5", "T" }, fail: func(r *Return) { r.Episodes[3].Place = "A5" }, table: TableEpisodes, column: "RNE"},
	{rule: "213", pass: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].PlaceProvider = "T4", "" }, fail: func(r *Return) { r.Episodes[1].Place = "T4" }, table: TableEpisodes, column: "PLACE_PROVIDER"},
	{rule: "526", pass: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].PlaceProvider = "Z1", "" }, fail: func(r *Return) { r.Episodes[1].PlaceProvider = "" }, table: TableEpisodes, column: "PLACE_PROVIDER"},
	{rule: "527", pass: func(r *Return) { r.Episodes[1].PlaceProvider = "PR1" }, fail: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].PlaceProvider = "R2", "PR1" }, table: TableEpisodes, column: "PLACE_PROVIDER"},
	{rule: "528", pass: func(r *Return) { r.Episodes[1].PlaceProvider = "PR2" }, fail: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].PlaceProvider = "R5", "PR2" }, table: TableEpisodes, column: "PLACE_PROVIDER"},
	{rule: "529", pass: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].PlaceProvider = "R1", "PR3" }, fail: func(r *Return) { r.Episodes[1].PlaceProvider = "PR3" }, table: TableEpisodes, column: "PLACE_PROVIDER"},
	{rule: "530", fail: func(r *Return) { r.Episodes[1].Place = "P1" }, table: TableEpisodes, column: "PLACE_PROVIDER"},
	{rule: "531", pass: func(r *Return) { r.Episodes[1].PlaceProvider = "PR5" }, fail: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].PlaceProvider = "P1", "PR5" }, table: TableEpisodes, column: "PLACE_PROVIDER"},
	{rule: "550", pass: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].PlaceProvider = "P1", "PR0" }, fail: func(r *Return) { r.Episodes[1].PlaceProvider = "PR0" }, table: TableEpisodes, column: "PLACE_PROVIDER"},
	{rule: "225", pass: func(r *Return) {
		r.Episodes[0].ReasonPlaceChange, r.Episodes[1].Place, r.Episodes[1].PlaceProvider = "", "T1", ""
	},
		fail: func(r *Return) { r.Episodes[0].ReasonPlaceChange = "" }, table: TableEpisodes, column: "REASON_PLACE_CHANGE"},
	{rule: "226", fail: func(r *Return) { r.Episodes[0].Place, r.Episodes[0].PlaceProvider = "T3", "" }, table: TableEpisodes, column: "REASON_PLACE_CHANGE"},
	{rule: "233", year: 2026, fail: func(r *Return) { r.Episodes[1].ReasonPlaceChange = "CARPL" }, table: TableEpisodes, column: "REASON_PLACE_CHANGE"},
	{rule: "233", year: 2025, pass: func(r *Return) { r.Episodes[1].ReasonPlaceChange = "CARPL" }},
	{rule: "408", pass: func(r *Return) { r.Episodes[3].LS = "D1" }, fail: func(r *Return) { r.Episodes[3].LS = "C2" }, table: TableEpisodes, column: "LS"},
	{rule: "390", pass: func(r *Return) { r.Episodes[3].Place = "A3" }, fail: func(r *Return) { r.Episodes[3].Place = "U6" }, table: TableEpisodes, column: "REC"},
	{rule: "375", pass: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].DECOM = "T1", d("2024-02-18") }, // 42 days to 31 March
		fail: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].DECOM = "T1", d("2024-02-17") }, table: TableEpisodes, column: "DEC"},
	{rule: "376", pass: func(r *Return) { r.Episodes[0].Place = "T3"; r.Episodes[0].DECOM = d("2023-08-25") },
		fail: func(r *Return) { r.Episodes[0].Place = "T3"; r.Episodes[0].DECOM = d("2023-08-24") }, table: TableEpisodes, column: "DEC"},
	{rule: "379", pass: func(r *Return) { r.Episodes[0].Place = "T4"; r.Episodes[0].DECOM = d("2023-09-08") },
		fail: func(r *Return) { r.Episodes[0].Place = "T4"; r.Episodes[0].DECOM = d("2023-09-07") }, table: TableEpisodes, column: "DEC"},

	{rule: "352", pass: func(r *Return) { r.Header[0].DOB = d("2003-06-02") }, fail: func(r *Return) { r.Header[0].DOB = d("2003-06-01") }, table: TableEpisodes, column: "DECOM"},
	{rule: "358", pass: func(r *Return) { r.Episodes[1].LS = "J1"; r.Header[0].DOB = d("2013-09-15") },
		fail: func(r *Return) { r.Episodes[1].LS = "J1"; r.Header[0].DOB = d("2013-09-16") }, table: TableEpisodes, column: "LS"},
	{rule: "386", pass: func(r *Return) { r.Header[2].DOB = d("2006-02-21") }, fail: func(r *Return) { r.Header[2].DOB = d("2006-02-20") }, table: TableEpisodes, column: "REC"},
	{rule: "387", pass: func(r *Return) { r.Episodes[3].REC = "E5"; r.Header[2].DOB = d("2010-02-20") },
		fail: func(r *Return) { r.Episodes[3].REC = "E6"; r.Header[2].DOB = d("2010-02-21") }, table: TableEpisodes, column: "REC"},
	{rule: "389", pass: func(r *Return) { r.Episodes[3].REC = "E7"; r.Header[2].DOB = d("2008-02-20") },
		fail: func(r *Return) { r.Episodes[3].REC = "E7"; r.Header[2].DOB = d("2008-02-21") }, table: TableEpisodes, column: "REC"},
	{rule: "407", pass: func(r *Return) { r.Episodes[3].REC = "E45"; r.Header[2].DOB = d("2006-02-21") },
		fail: func(r *Return) { r.Episodes[3].REC = "E48"; r.Header[2].DOB = d("2006-02-20") }, table: TableEpisodes, column: "REC"},
	{rule: "460", pass: func(r *Return) { r.Episodes[3].REC = "E17"; r.Header[2].DOB = d("2006-02-20") },
		fail: func(r *Return) { r.Episodes[3].REC = "E17"; r.Header[2].DOB = d("2006-02-21") }, table: TableEpisodes, column: "REC"},
	// A leap-day birthday: born 29 February 2008, 16 on 1 March 2024.
	{rule: "370", pass: func(r *Return) {
		r.Episodes[1].Place, r.Episodes[1].DECOM, r.Header[0].DOB = "P2", d("2024-03-01"), d("2008-02-29")
	},
		fail: func(r *Return) {
			r.Episodes[1].Place, r.Episodes[1].DECOM, r.Header[0].DOB = "P2", d("2024-02-28"), d("2008-02-29")
		}, table: TableEpisodes, column: "PLACE"},
	{rule: "371", pass: func(r *Return) { r.Episodes[1].Place, r.Header[0].DOB = "H5", d("2007-09-15") },
		fail: func(r *Return) { r.Episodes[1].Place, r.Header[0].DOB = "H5", d("2007-09-16") }, table: TableEpisodes, column: "PLACE"},
	{rule: "372", fail: func(r *Return) { r.Episodes[1].Place, r.Header[0].DOB = "R5", d("2013-09-16") }, table: TableEpisodes, column: "PLACE"},
	{rule: "373", pass: func(r *Return) { r.Episodes[1].Place, r.Header[0].DOB = "S1", d("2019-09-15") },
		fail: func(r *Return) { r.Episodes[1].Place, r.Header[0].DOB = "S1", d("2019-09-16") }, table: TableEpisodes, column: "PLACE"},
	{rule: "374", fail: func(r *Return) { r.Episodes[1].Place = "P3" }, table: TableEpisodes, column: "PLACE"},

	{rule: "166", fail: func(r *Return) { r.Reviews[0].Review = civil.Date{} }, table: TableReviews, column: "REVIEW"},
	{rule: "167", pass: func(r *Return) { r.Reviews[0].ReviewCode = "PN7" }, fail: func(r *Return) { r.Reviews[0].ReviewCode = "" }, table: TableReviews, column: "REVIEW_CODE"},
	{rule: "440", pass: func(r *Return) { r.Reviews[0].ReviewCode, r.Reviews[0].DOB = "PN0", d("2019-05-02") },
		fail: func(r *Return) { r.Reviews[0].ReviewCode, r.Reviews[0].DOB = "PN0", d("2019-05-01") }, table: TableReviews, column: "REVIEW_CODE"},
	{rule: "441", pass: func(r *Return) { r.Reviews[0].DOB = d("2019-05-01") }, fail: func(r *Return) { r.Reviews[0].DOB = d("2019-05-02") }, table: TableReviews, column: "REVIEW_CODE"},

	{rule: "1004", fail: func(r *Return) { r.Missing[0].MisStart = civil.Date{} }, table: TableMissing, column: "MIS_START"},
	{rule: "1006", pass: func(r *Return) { r.Missing[0].Missing = "A" }, fail: func(r *Return) { r.Missing[0].Missing = "m" }, table: TableMissing, column: "MISSING"},
	{rule: "567", pass: func(r *Return) { r.Missing[0].MisEnd = d("2023-10-01") }, fail: func(r *Return) { r.Missing[0].MisEnd = d("2023-09-30") }, table: TableMissing, column: "MIS_END"},
	{rule: "570", fail: func(r *Return) { r.Missing[0].MisStart, r.Missing[0].MisEnd = d("2024-04-01"), civil.Date{} }, table: TableMissing, column: "MIS_START"},
	{rule: "571", pass: func(r *Return) { r.Missing[0].MisEnd = d("2024-03-31") }, fail: func(r *Return) { r.Missing[0].MisEnd = d("2024-04-01") }, table: TableMissing, column: "MIS_END"},
	{rule: "571", fail: func(r *Return) { r.Missing[0].MisStart, r.Missing[0].MisEnd = d("2023-03-01"), d("2023-03-31") }, table: TableMissing, column: "MIS_END"},
	{rule: "586", fail: func(r *Return) { r.Missing[0].MisStart = d("2010-05-09") }, table: TableMissing, column: "MIS_START"},
	{rule: "574", pass: func(r *Return) {
		r.Missing = append(r.Missing, MissingRow{Child: "C1", DOB: d("2010-05-10"), Missing: "A", MisStart: d("2023-10-03")})
	}, fail: func(r *Return) {
		r.Missing = append(r.Missing, MissingRow{Child: "C1", DOB: d("2010-05-10"), Missing: "A", MisStart: d("2023-10-02")})
	}, table: TableMissing, column: "MIS_START"},
	{rule: "581", pass: func(r *Return) {
		r.Missing[0].Child, r.Missing[0].DOB, r.Missing[0].MisStart = "C3", d("2020-09-09"), d("2022-10-01")
	},
		fail: func(r *Return) {
			r.Missing[0].Child, r.Missing[0].DOB, r.Missing[0].MisStart = "C3", d("2020-09-09"), d("2022-09-30")
		}, table: TableMissing, column: "MIS_START"},
	{rule: "578", pass: func(r *Return) {
		r.Missing[0].Child, r.Missing[0].DOB, r.Missing[0].MisStart, r.Missing[0].MisEnd = "C3", d("2020-09-09"), d("2024-02-20"), d("2024-02-20")
	}, fail: func(r *Return) {
		r.Missing[0].Child, r.Missing[0].DOB, r.Missing[0].MisStart, r.Missing[0].MisEnd = "C3", d("2020-09-09"), d("2024-02-21"), d("2024-02-22")
	}, table: TableMissing, column: "MIS_START"},
	{rule: "577", pass: func(r *Return) { r.Missing[0].MisEnd = civil.Date{} }, // C1 is still looked after
		fail: func(r *Return) {
			r.Missing[0].Child, r.Missing[0].DOB, r.Missing[0].MisEnd = "C3", d("2020-09-09"), civil.Date{}
		}, table: TableMissing, column: "MIS_END"},

	{rule: "304", pass: func(r *Return) { r.UASC[0].DUC = d("2028-05-10") }, fail: func(r *Return) { r.UASC[0].DUC = d("2028-05-11") }, table: TableUASC, column: "DUC"},

	{rule: "180", pass: func(r *Return) { r.OC2[0].SDQScore = "40" }, fail: func(r *Return) { r.OC2[0].SDQScore = "41" }, table: TableOC2, column: "SDQ_SCORE"},
	{rule: "180", pass: func(r *Return) { r.OC2[0].SDQScore = "0" }, fail: func(r *Return) { r.OC2[0].SDQScore = "-1" }, table: TableOC2, column: "SDQ_SCORE"},
	{rule: "196", pass: func(r *Return) { r.OC2[0].SDQReason = "SDQ5" }, fail: func(r *Return) { r.OC2[0].SDQReason = "SDQ6" }, table: TableOC2, column: "SDQ_REASON"},
	{rule: "197a", pass: func(r *Return) { r.OC2[0].SDQScore, r.OC2[0].SDQReason = "", "SDQ2" }, fail: func(r *Return) { r.OC2[0].SDQReason = "SDQ2" }, table: TableOC2, column: "SDQ_REASON"},

	{rule: "131", pass: func(r *Return) { r.OC3[0].InTouch = "RHOM" }, fail: func(r *Return) { r.OC3[0].InTouch = "" }, table: TableOC3, column: "IN_TOUCH"},
	{rule: "132", pass: func(r *Return) { r.OC3[0].Activ = "0" }, fail: func(r *Return) { r.OC3[0].Activ = "F3" }, table: TableOC3, column: "ACTIV"},
	{rule: "133", pass: func(r *Return) { r.OC3[0].Accom = "S2" }, fail: func(r *Return) { r.OC3[0].Accom = "S1" }, table: TableOC3, column: "ACCOM"},
	{rule: "153", pass: func(r *Return) { r.OC3[0].InTouch, r.OC3[0].Activ, r.OC3[0].Accom = "DIED", "", "" }, fail: func(r *Return) { r.OC3[0].Accom = "" }, table: TableOC3, column: "ACTIV"},
	{rule: "344", pass: func(r *Return) { r.OC3[0].InTouch, r.OC3[0].Activ, r.OC3[0].Accom = "RHOM", "", "" }, fail: func(r *Return) { r.OC3[0].InTouch = "DIED" }, table: TableOC3, column: "ACTIV"},
	{rule: "345", pass: func(r *Return) { r.OC3[0].InTouch, r.OC3[0].Activ, r.OC3[0].Accom = "NO", "0", "0" }, fail: func(r *Return) { r.OC3[0].Accom = "0" }, table: TableOC3, column: "ACTIV"},
	{rule: "511", pass: func(r *Return) { r.AD1[0].SexAdoptr = "FF" }, fail: func(r *Return) { r.AD1[0].SexAdoptr = "F1" }, table: TableAD1, column: "SEX_ADOPTR"},
	{rule: "514", pass: func(r *Return) { r.AD1[0].LSAdoptr, r.AD1[0].NBAdoptr, r.AD1[0].SexAdoptr = "L0", "1", "F1" }, fail: func(r *Return) { r.AD1[0].LSAdoptr = "L0" }, table: TableAD1, column: "LS_ADOPTR"},
	{rule: "517", pass: func(r *Return) { r.AD1[0].LSAdoptr = "L3" }, fail: func(r *Return) { r.AD1[0].LSAdoptr, r.AD1[0].SexAdoptr = "L3", "FF" }, table: TableAD1, column: "SEX_ADOPTR"},
	{rule: "518", pass: func(r *Return) { r.AD1[0].LSAdoptr, r.AD1[0].SexAdoptr = "L4", "MM" }, fail: func(r *Return) { r.AD1[0].LSAdoptr = "L4" }, table: TableAD1, column: "SEX_ADOPTR"},
	{rule: "524", pass: func(r *Return) { r.AD1[0].LSAdoptr, r.AD1[0].SexAdoptr = "L12", "FF" }, fail: func(r *Return) { r.AD1[0].LSAdoptr = "L12" }, table: TableAD1, column: "SEX_ADOPTR"},
	{rule: "1003", pass: func(r *Return) { r.PlacedAdoption[0].DatePlaced = d("2022-09-30") }, // C3's first episode in the return is not S
		fail: func(r *Return) { r.Episodes[2].RNE = "S"; r.PlacedAdoption[0].DatePlaced = d("2022-09-30") }, table: TablePlacedAdoption, column: "DATE_PLACED"},
	{rule: "383", pass: func(r *Return) {
		r.Episodes = append(r.Episodes[:1], t3("2023-09-15"), back("2023-09-22", "U4", "AB3 4EF"))
	},
		fail: func(r *Return) {
			r.Episodes = append(r.Episodes[:1], t3("2023-09-15"), back("2023-09-22", "U4", "AB5 6GH"))
		}, table: TableEpisodes, column: "PLACE"},
	{rule: "399", fail: func(r *Return) { r.Episodes[0].LS, r.Episodes[1].LS = "V3", "V4" }, table: TableReviews, column: "REVIEW"},
	{rule: "SW07STG2", pass: func(r *Return) { r.SWEpisodes[0].SWDEC = d("2023-04-01") }, fail: func(r *Return) { r.SWEpisodes[0].SWDEC = d("2023-03-31") }, table: TableSWEpisodes, column: "SW_DEC"},
	// C2, born 10 October 2004, 19 in the year; born 10 October 2006, 17.
	{rule: "3001", pass: func(r *Return) { r.OC3[0].Accom = "Z1" }, fail: func(r *Return) { r.OC3[0].Accom, r.OC3[0].DOB = "Z2", d("2006-10-10") }, table: TableOC3, column: "ACCOM"},
	{rule: "347", pass: func(r *Return) { r.OC3[0].Accom = "T1" }, fail: func(r *Return) { r.OC3[0].Accom, r.OC3[0].DOB = "T2", d("2006-10-10") }, table: TableOC3, column: "ACCOM"},
	{rule: "347", year: 2023, pass: func(r *Return) { r.OC3[0].Accom, r.OC3[0].DOB = "T2", d("2005-10-10") }},
	{rule: "391", pass: func(r *Return) { r.OC3[0].DOB = d("2002-04-01") }, fail: func(r *Return) { r.OC3[0].DOB = d("2002-03-31") }, table: TableOC3, column: "DOB"},
	{rule: "391", pass: func(r *Return) { r.OC3[0].DOB = d("2007-03-31") }, fail: func(r *Return) { r.OC3[0].DOB = d("2007-04-01") }, table: TableOC3, column: "DOB"},

	{rule: "114", pass: func(r *Return) { r.AD1[0].FosterCare = "1" }, fail: func(r *Return) { r.AD1[0].FosterCare = "" }, table: TableAD1, column: "FOSTER_CARE"},
	{rule: "175", pass: func(r *Return) { r.AD1[0].NBAdoptr = "1" }, fail: func(r *Return) { r.AD1[0].NBAdoptr = "3" }, table: TableAD1, column: "NB_ADOPTR"},
	{rule: "176", pass: func(r *Return) { r.AD1[0].SexAdoptr = "FF" }, fail: func(r *Return) { r.AD1[0].SexAdoptr = "FM" }, table: TableAD1, column: "SEX_ADOPTR"},
	{rule: "177", pass: func(r *Return) { r.AD1[0].LSAdoptr = "L4" }, fail: func(r *Return) { r.AD1[0].LSAdoptr = "L1" }, table: TableAD1, column: "LS_ADOPTR"},
	{rule: "333", pass: func(r *Return) { r.AD1[0].DateInt = d("2023-06-01") }, fail: func(r *Return) { r.AD1[0].DateInt = d("2023-06-02") }, table: TableAD1, column: "DATE_INT"},
	{rule: "115", fail: func(r *Return) { r.PlacedAdoption[0].DatePlaced = civil.Date{} }, table: TablePlacedAdoption, column: "DATE_PLACED"},
	{rule: "119", pass: func(r *Return) {
		r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2023-05-01"), "RD2"
	},
		fail: func(r *Return) { r.PlacedAdoption[0].DatePlacedCeased = d("2023-05-01") }, table: TablePlacedAdoption, column: "REASON_PLACED_CEASED"},
	{rule: "120", pass: func(r *Return) {
		r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2023-05-01"), "RD4"
	},
		fail: func(r *Return) {
			r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2023-05-01"), "RD5"
		}, table: TablePlacedAdoption, column: "REASON_PLACED_CEASED"},
	{rule: "522", pass: func(r *Return) {
		r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2022-11-01"), "RD1"
	},
		fail: func(r *Return) {
			r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2022-10-31"), "RD1"
		}, table: TablePlacedAdoption, column: "DATE_PLACED_CEASED"},
	{rule: "184", pass: func(r *Return) { r.PlacedAdoption[0].DatePlaced = d("2020-09-09") }, fail: func(r *Return) { r.PlacedAdoption[0].DatePlaced = d("2020-09-08") }, table: TablePlacedAdoption, column: "DATE_PLACED"},

	{rule: "SW01STG1", fail: func(r *Return) { r.SWEpisodes = nil }, table: TableEpisodes, column: "DEC"},
	{rule: "SW01STG1", year: 2023, pass: func(r *Return) { r.SWEpisodes = nil }},
	{rule: "SW02STG1", pass: func(r *Return) { r.SWEpisodes[0].SWID = "XX1" }, fail: func(r *Return) { r.SWEpisodes[0].SWID = "sw123" }, table: TableSWEpisodes, column: "SW_ID"},
	{rule: "SW04STG1", fail: func(r *Return) { r.SWEpisodes[1].SWDECOM = civil.Date{} }, table: TableSWEpisodes, column: "SW_DECOM"},
	{rule: "SW13STG1", pass: func(r *Return) { r.SWEpisodes[1].SWReason = "PCCHAN" }, fail: func(r *Return) { r.SWEpisodes[1].SWReason = "PCCHAN " }, table: TableSWEpisodes, column: "SW_REASON"},
	{rule: "SW10STG2", pass: func(r *Return) { r.SWEpisodes[1].SWDECOM = d("2023-10-11") }, fail: func(r *Return) { r.SWEpisodes[1].SWDECOM = d("2023-10-09") }, table: TableSWEpisodes, column: "SW_DECOM"},

	{rule: "580", pass: func(r *Return) { r.Episodes[3].REC = "E8"; missingC3(r, "2024-02-19", "") },
		fail: func(r *Return) { missingC3(r, "2024-02-19", "2024-02-21") }, table: TableEpisodes, column: "REC"},
	{rule: "580", pass: func(r *Return) { missingC3(r, "2024-02-19", "2024-02-20") }},
	{rule: "557", pass: func(r *Return) {
		r.Episodes[3].REC = "E4A"
		r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2024-01-01"), "RD1"
	},
		fail: func(r *Return) { r.Episodes[3].REC = "E4A" }, table: TablePlacedAdoption, column: "DATE_PLACED_CEASED"},
	{rule: "117", pass: func(r *Return) {
		r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2024-02-20"), "RD1"
	},
		fail: func(r *Return) {
			r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2024-02-21"), "RD1"
		}, table: TablePlacedAdoption, column: "DATE_PLACED_CEASED"},
	{rule: "117", fail: func(r *Return) {
		r.PlacedAdoption[0].Child, r.PlacedAdoption[0].DOB, r.PlacedAdoption[0].DatePlaced = "C1", d("2010-05-10"), d("2024-04-01")
	}, table: TablePlacedAdoption, column: "DATE_PLACED"},
	{rule: "118", pass: func(r *Return) {
		r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2023-04-01"), "RD1"
	},
		fail: func(r *Return) {
			r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2023-03-31"), "RD1"
		}, table: TablePlacedAdoption, column: "DATE_PLACED_CEASED"},
	{rule: "579", pass: func(r *Return) { secondDecision(r, "2023-05-01", "2023-05-01") }, fail: func(r *Return) { secondDecision(r, "2023-05-01", "2023-04-30") }, table: TablePlacedAdoption, column: "DATE_PLACED"},
	{rule: "583", pass: func(r *Return) { secondDecision(r, "2023-05-01", "2023-06-01") }, fail: func(r *Return) { secondDecision(r, "", "2023-06-01") }, table: TablePlacedAdoption, column: "DATE_PLACED"},
	{rule: "1000", pass: func(r *Return) { r.Episodes[3].REC = "E2"; r.OC3[0].Child = "C4" },
		fail: func(r *Return) { r.Episodes[3].REC = "E2"; r.OC3[0].Child = "C3" }, table: TableOC3, column: "IN_TOUCH"},
	{rule: "1011", fail: func(r *Return) { r.Episodes[3].REC = "E3"; r.OC3[0].Child = "C3" }, table: TableOC3, column: "IN_TOUCH"},
	{rule: "134", fail: func(r *Return) { r.AD1[0].Child = "C2" }, table: TableAD1, column: "CHILD"},
	{rule: "187", fail: func(r *Return) { r.OC2[0].Child = "C3" }, table: TableOC2, column: "CHILD"},
	{rule: "SW08STG2", fail: func(r *Return) { r.SWEpisodes[0].SWDEC = civil.Date{} }, table: TableSWEpisodes, column: "SW_DEC"},
	{rule: "SW15STG2", year: 2025, fail: func(r *Return) { r.SWEpisodes[0].SWReason = "" }, table: TableSWEpisodes, column: "SW_REASON"},
	{rule: "SW15STG2", year: 2024, pass: func(r *Return) { r.SWEpisodes[0].SWReason = "" }},
	{rule: "SW17STG2", year: 2026, fail: func(r *Return) { r.SWEpisodes[1].SWDEC = d("2024-03-01") }, table: TableSWEpisodes, column: "SW_DEC"},
	{rule: "INT01", fail: func(r *Return) { r.AD1[0].Child = "C9" }, table: TableAD1, column: "CHILD"},
	{rule: "INT02", fail: func(r *Return) { r.PlacedAdoption[0].Child = "C9" }, table: TablePlacedAdoption, column: "CHILD"},
	{rule: "INT03", fail: func(r *Return) { r.Episodes[3].Child = "C9" }, table: TableEpisodes, column: "CHILD"},
	{rule: "INT04", fail: func(r *Return) { r.Missing[0].Child = "C9" }, table: TableMissing, column: "CHILD"},
	{rule: "INT05", fail: func(r *Return) { r.OC2[0].Child = "C9" }, table: TableOC2, column: "CHILD"},
	{rule: "INT06", fail: func(r *Return) { r.OC3[0].Child = "C9" }, table: TableOC3, column: "CHILD"},
	{rule: "INT07", pass: func(r *Return) { r.PrevPerm = []PrevPermRow{{Child: "C1", DOB: d("2010-05-10"), PrevPerm: "Z1"}} },
		fail: func(r *Return) { r.PrevPerm = []PrevPermRow{{Child: "C9", PrevPerm: "Z1"}} }, table: TablePrevPerm, column: "CHILD"},
	{rule: "INT08", fail: func(r *Return) { r.Reviews[0].Child = "c1" }, table: TableReviews, column: "CHILD"},
	{rule: "INT09", fail: func(r *Return) { r.UASC[0].Child = "C9" }, table: TableUASC, column: "CHILD"},
	{rule: "INT11", fail: func(r *Return) { r.AD1[0].DOB = d("2020-09-10") }, table: TableAD1, column: "DOB"},
	{rule: "INT12", fail: func(r *Return) { r.PlacedAdoption[0].DOB = d("2020-09-10") }, table: TablePlacedAdoption, column: "DOB"},
	{rule: "INT13", fail: func(r *Return) { r.Missing[0].DOB = d("2010-05-11") }, table: TableMissing, column: "DOB"},
	{rule: "INT14", fail: func(r *Return) { r.OC2[0].DOB = d("2010-05-11") }, table: TableOC2, column: "DOB"},
	{rule: "INT15", fail: func(r *Return) { r.OC3[0].DOB = d("2004-10-11") }, table: TableOC3, column: "DOB"},
	{rule: "INT16", pass: func(r *Return) { r.PrevPerm = []PrevPermRow{{Child: "C1", DOB: d("2010-05-10"), PrevPerm: "Z1"}} },
		fail: func(r *Return) { r.PrevPerm = []PrevPermRow{{Child: "C1", DOB: d("2010-05-11"), PrevPerm: "Z1"}} }, table: TablePrevPerm, column: "DOB"},
	{rule: "INT17", fail: func(r *Return) { r.Reviews[0].DOB = d("2010-05-11") }, table: TableReviews, column: "DOB"},
	{rule: "INT18", fail: func(r *Return) { r.UASC[0].DOB = d("2010-05-11") }, table: TableUASC, column: "DOB"},
	{rule: "INT21", fail: func(r *Return) { r.UASC[0].Sex = "2" }, table: TableUASC, column: "SEX"},
	{rule: "INT31", fail: func(r *Return) { r.AD1 = append(r.AD1, r.AD1[0]) }, table: TableAD1, column: "CHILD"},
	{rule: "INT32", fail: func(r *Return) { r.Header = append(r.Header, r.Header[1]) }, table: TableHeader, column: "CHILD"},
	{rule: "INT33", fail: func(r *Return) { r.OC2 = append(r.OC2, r.OC2[0]) }, table: TableOC2, column: "CHILD"},
	{rule: "INT34", fail: func(r *Return) { r.OC3 = append(r.OC3, r.OC3[0]) }, table: TableOC3, column: "CHILD"},
	{rule: "INT35", fail: func(r *Return) {
		r.PrevPerm = []PrevPermRow{{Child: "C1", DOB: d("2010-05-10"), PrevPerm: "Z1"}, {Child: "C1", DOB: d("2010-05-10"), PrevPerm: "P4"}}
	}, table: TablePrevPerm, column: "CHILD"},
	{rule: "INT36", fail: func(r *Return) { r.UASC = append(r.UASC, r.UASC[0]) }, table: TableUASC, column: "CHILD"},
	{rule: "218", pass: func(r *Return) { r.Episodes[1].URN = "XXXXXXX" }, fail: func(r *Return) { r.Episodes[1].URN = "" }, table: TableEpisodes, column: "URN"},
	{rule: "222", pass: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].PlaceProvider, r.Episodes[1].URN = "P1", "PR0", "" },
		fail: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].PlaceProvider = "P1", "PR0" }, table: TableEpisodes, column: "URN"},
	{rule: "230", pass: func(r *Return) { r.Episodes[1].Place = "H5" }, fail: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].URN = "H5", "" }, table: TableEpisodes, column: "URN"},
	{rule: "230", year: 2023, pass: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].URN = "H5", "" }},
	{rule: "217t", pass: func(r *Return) { r.Episodes[1].Place = "P2" }, fail: func(r *Return) { r.Episodes[1].Place, r.Episodes[1].DECOM = "P2", d("2023-10-28") }, table: TableEpisodes, column: "PLACE"},
	{rule: "392c", pass: func(r *Return) { r.Episodes[0].HomePost = "ab12bd" }, fail: func(r *Return) { r.Episodes[0].HomePost = "AB1 2CD" }, table: TableEpisodes, column: "HOME_POST"},
	{rule: "392c", fail: func(r *Return) { r.Episodes[1].PLPost = "AB5" }, table: TableEpisodes, column: "PL_POST"},
	{rule: "392d", pass: func(r *Return) {
		r.Episodes[1].Place, r.Episodes[1].PlaceProvider, r.Episodes[1].URN, r.Episodes[1].PLPost = "P1", "PR0", "", "ab12bd"
	},
		fail: func(r *Return) { r.Episodes[1].PLPost = "ab12bd" }, table: TableEpisodes, column: "PL_POST"},
	{rule: "377", pass: func(r *Return) { r.Episodes = append(r.Episodes, t3("2022-06-01"), t3("2023-05-01"), t3("2023-07-01")) },
		fail: func(r *Return) { r.Episodes = append(r.Episodes, t3("2022-08-01"), t3("2023-05-01"), t3("2023-07-01")) }, table: TableEpisodes, column: "PLACE"},
	{rule: "361", pass: func(r *Return) { r.Episodes[0].LS, r.Episodes[0].DECOM = "L1", d("2023-09-12") },
		fail: func(r *Return) { r.Episodes[0].LS, r.Episodes[0].DECOM = "L1", d("2023-09-11") }, table: TableEpisodes, column: "DEC"},
	{rule: "361", fail: func(r *Return) { r.Episodes[0].LS, r.Episodes[0].DECOM, r.Episodes[1].LS = "L1", d("2023-09-14"), "L1" }, table: TableEpisodes, column: "DEC"},
	{rule: "362", pass: func(r *Return) { r.Episodes[0].LS, r.Episodes[0].DECOM = "L2", d("2023-08-25") },
		fail: func(r *Return) { r.Episodes[0].LS, r.Episodes[0].DECOM = "L2", d("2023-08-24") }, table: TableEpisodes, column: "DEC"},
	{rule: "363", pass: func(r *Return) { r.Episodes[0].LS, r.Episodes[0].DECOM = "L3", d("2023-09-08") },
		fail: func(r *Return) { r.Episodes[0].LS, r.Episodes[0].DECOM = "L3", d("2023-09-07") }, table: TableEpisodes, column: "DEC"},
	{rule: "364", pass: func(r *Return) { r.Episodes[0].LS, r.Episodes[0].DECOM = "J2", d("2023-08-25") },
		fail: func(r *Return) { r.Episodes[0].LS, r.Episodes[0].DECOM = "J2", d("2023-08-24") }, table: TableEpisodes, column: "DEC"},
	{rule: "437", pass: func(r *Return) { r.Episodes[3].REC = "E2" }, fail: func(r *Return) { r.Episodes[0].REC = "E15" }, table: TableEpisodes, column: "REC"},

	{rule: "188", pass: func(r *Return) { r.OC2[0].DOB = d("2020-03-31") }, fail: func(r *Return) { r.OC2[0].DOB = d("2020-04-01") }, table: TableOC2, column: "SDQ_SCORE"},
	{rule: "189", pass: func(r *Return) { r.OC2[0].DOB = d("2006-04-02") }, fail: func(r *Return) { r.OC2[0].DOB = d("2006-04-01") }, table: TableOC2, column: "SDQ_SCORE"},
	{rule: "191", fail: func(r *Return) { r.OC2[0].SubstanceMisuse = "" }, table: TableOC2, column: "SUBSTANCE_MISUSE"},
	{rule: "542", pass: func(r *Return) { r.OC2[0].DOB = d("2014-03-31") }, fail: func(r *Return) { r.OC2[0].DOB = d("2014-04-01") }, table: TableOC2, column: "CONVICTED"},
	{rule: "543", pass: func(r *Return) { r.OC2[0].DOB, r.OC2[0].Convicted = d("2014-04-01"), "" }, fail: func(r *Return) { r.OC2[0].Convicted = "" }, table: TableOC2, column: "CONVICTED"},
	{rule: "545", pass: func(r *Return) { r.OC2[0].DOB, r.OC2[0].HealthCheck = d("2019-04-01"), "1" }, fail: func(r *Return) { r.OC2[0].DOB = d("2019-04-01") }, table: TableOC2, column: "HEALTH_CHECK"},
	{rule: "546", pass: func(r *Return) { r.OC2[0].DOB, r.OC2[0].HealthCheck = d("2019-04-01"), "1" }, fail: func(r *Return) { r.OC2[0].DOB, r.OC2[0].HealthCheck = d("2019-03-31"), "0" }, table: TableOC2, column: "HEALTH_CHECK"},

	{rule: "181", pass: func(r *Return) { r.OC2[0].HealthCheck = "" }, fail: func(r *Return) { r.OC2[0].TeethCheck = "2" }, table: TableOC2, column: "CONVICTED"},
	{rule: "158", pass: func(r *Return) { r.OC2[0].SubstanceMisuse, r.OC2[0].InterventionReceived = "1", "1" },
		fail: func(r *Return) {
			r.OC2[0].SubstanceMisuse, r.OC2[0].InterventionReceived, r.OC2[0].InterventionOffered = "1", "1", "1"
		}, table: TableOC2, column: "INTERVENTION_OFFERED"},
	{rule: "159", pass: func(r *Return) {
		r.OC2[0].SubstanceMisuse, r.OC2[0].InterventionReceived, r.OC2[0].InterventionOffered = "1", "0", "1"
	},
		fail: func(r *Return) { r.OC2[0].SubstanceMisuse, r.OC2[0].InterventionReceived = "1", "0" }, table: TableOC2, column: "INTERVENTION_OFFERED"},
	{rule: "192", fail: func(r *Return) { r.OC2[0].SubstanceMisuse = "1" }, table: TableOC2, column: "INTERVENTION_RECEIVED"},
	{rule: "193", fail: func(r *Return) { r.OC2[0].InterventionOffered = "0" }, table: TableOC2, column: "INTERVENTION_RECEIVED"},
	{rule: "186", pass: func(r *Return) { r.OC2[0].SDQScore, r.OC2[0].SDQReason = "", "SDQ4" }, fail: func(r *Return) { r.OC2[0].SDQScore = "" }, table: TableOC2, column: "SDQ_SCORE"},
	{rule: "186", pass: func(r *Return) { r.OC2[0].SDQScore, r.OC2[0].DOB = "", d("2019-04-02") }}, // 3 on 1 April
	{rule: "185", pass: func(r *Return) { r.Episodes[0].DECOM = d("2023-04-01") }, fail: func(r *Return) { r.Episodes[0].DECOM = d("2023-04-02") }, table: TableOC2, column: "SDQ_SCORE"},
	{rule: "185", fail: func(r *Return) { r.Episodes[1].DEC, r.Episodes[1].REC = d("2024-03-31"), "E4A" }, table: TableOC2, column: "SDQ_SCORE"},
	{rule: "185", fail: func(r *Return) { r.Episodes[0].LS, r.Episodes[1].LS = "V3", "V3" }, table: TableOC2, column: "SDQ_SCORE"},
	{rule: "198", fail: func(r *Return) {
		r.OC2[0].SDQScore, r.OC2[0].SDQReason = "", "SDQ4"
		r.Episodes[1].DECOM = d("2023-09-16")
	}, table: TableOC2, column: "SDQ_REASON"},
	{rule: "190", fail: func(r *Return) { r.OC2[0].Child, r.OC2[0].DOB = "C3", d("2020-09-09") }, table: TableOC2, column: "CONVICTED"},
	{rule: "1012", fail: func(r *Return) { r.Missing[0].Child = "C2" }, table: TableMissing, column: "CHILD"},
	// C3 ceased to be looked after on 20 February 2024: 17 that day is not 17 in care; 17 the day before is.
	{rule: "1007", pass: func(r *Return) {
		r.OC3 = append(r.OC3, OC3Row{Child: "C3", DOB: d("2007-02-20"), InTouch: "YES", Activ: "F2", Accom: "D1"})
	},
		fail: func(r *Return) {
			r.OC3 = append(r.OC3, OC3Row{Child: "C3", DOB: d("2007-02-19"), InTouch: "YES", Activ: "F2", Accom: "D1"})
		}, table: TableOC3, column: "IN_TOUCH"},
	{rule: "601", fail: func(r *Return) { r.AD1 = nil }, table: TableEpisodes, column: "REC"},
	{rule: "602", fail: func(r *Return) { r.Episodes[3].REC = "E4A" }, table: TableAD1, column: "CHILD"},
	{rule: "551", fail: func(r *Return) { r.PlacedAdoption = nil }, table: TableEpisodes, column: "PLACE"},
	{rule: "552", pass: func(r *Return) { r.PlacedAdoption[0].DatePlaced = d("2023-07-01") }, fail: func(r *Return) { r.PlacedAdoption[0].DatePlaced = d("2023-07-02") }, table: TablePlacedAdoption, column: "DATE_PLACED"},
	{rule: "558", fail: func(r *Return) {
		r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d("2023-05-01"), "RD1"
	}, table: TablePlacedAdoption, column: "DATE_PLACED_CEASED"},
}

// t3 is an episode of C1 in a temporary placement while the foster carers
// are on holiday, for a week.
func t3(start string) EpisodeRow {
	return EpisodeRow{Child: "C1", DECOM: d(start), DEC: d(start).AddDays(7), RNE: "P", LS: "C2", CIN: "N1", Place: "T3", REC: "X1"}
}

func findings(r Return, rule string) []Finding {
	return slices.DeleteFunc(Validate(r), func(f Finding) bool { return f.Rule != rule })
}

func TestRules(t *testing.T) {
	for _, c := range ruleCases {
		y := cmpYear(c.year)
		t.Run(c.rule+"/"+y.String(), func(t *testing.T) {
			base := func() Return {
				r := cleanReturn(t)
				r.Year = y
				if y.sexMF() {
					for i := range r.Header {
						r.Header[i].Sex = map[string]string{"1": "M", "2": "F"}[r.Header[i].Sex]
					}
					r.UASC[0].Sex = "M"
				}
				return r
			}
			pass := base()
			if c.pass != nil {
				c.pass(&pass)
			}
			if f := findings(pass, c.rule); len(f) > 0 {
				t.Errorf("kept, but found %+v", f)
			}
			if c.fail == nil {
				return
			}
			fail := base()
			c.fail(&fail)
			f := findings(fail, c.rule)
			if len(f) == 0 {
				t.Fatal("broken, but not found")
			}
			if f[0].Table != c.table || f[0].Column != c.column || f[0].Row < 2 || f[0].Child == "" || f[0].Message == "" {
				t.Errorf("finding %+v, want table %s column %s with its row and child", f[0], c.table, c.column)
			}
		})
	}
}

func cmpYear(y Year) Year {
	if y == 0 {
		return 2024
	}
	return y
}

// TestEveryRuleTested: each rule Validate applies has a case above.
func TestEveryRuleTested(t *testing.T) {
	for _, ru := range rules {
		if !slices.ContainsFunc(ruleCases, func(c ruleCase) bool {
			return c.rule == ru.code && c.fail != nil
		}) {
			t.Errorf("rule %s has no failing case", ru.code)
		}
	}
	seen := map[string]bool{}
	for _, ru := range rules {
		if seen[ru.code] {
			t.Errorf("rule %s is listed twice", ru.code)
		}
		seen[ru.code] = true
	}
}

// TestFindingRowIsTheFileRow: a finding's row is the row of the table's
// file that Write writes, the header being row 1.
func TestFindingRowIsTheFileRow(t *testing.T) {
	r := cleanReturn(t)
	r.Episodes[3].REC = "E10"
	f := findings(r, "149")
	if len(f) != 1 || f[0].Row != 5 || f[0].Child != "C3" {
		t.Fatalf("findings %+v", f)
	}
	lines := strings.Split(string(write(t, r)["Episodes.csv"]), "\n")
	if !strings.Contains(lines[f[0].Row-1], ",E10,") {
		t.Errorf("row %d of the file is %q", f[0].Row, lines[f[0].Row-1])
	}
}

// TestGoldenFindings: what the rules say of the golden return built from
// the records, each finding a column Hearth does not hold yet.
func TestGoldenFindings(t *testing.T) {
	var got []string
	for _, f := range Validate(Build(2024, "999", goldenChildren(t))) {
		got = append(got, f.Rule+" "+string(f.Table)+" "+f.Child+" "+f.Column)
	}
	want := []string{
		"191 OC2 C001 SUBSTANCE_MISUSE",  // not held
		"543 OC2 C001 CONVICTED",         // not held
		"SW02STG1 SWEpisodes C001 SW_ID", // the worker's Social Work England number, not held
		"SW02STG1 SWEpisodes C001 SW_ID",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// back is C1's return from a temporary placement, open.
func back(start, place, postcode string) EpisodeRow {
	return EpisodeRow{Child: "C1", DECOM: d(start), RNE: "P", LS: "C2", CIN: "N1", Place: place, PlaceProvider: "PR1", PLPost: postcode}
}

// missingC3 gives C3 (who was adopted on 20 February 2024) a missing
// period instead of C1's.
func missingC3(r *Return, start, end string) {
	r.Missing[0] = MissingRow{Child: "C3", DOB: d("2020-09-09"), Missing: "M", MisStart: d(start)}
	if end != "" {
		r.Missing[0].MisEnd = d(end)
	}
}

// secondDecision reverses C3's decision on ceased ("" for not at all) and
// adds a second, decided on placed.
func secondDecision(r *Return, ceased, placed string) {
	if ceased != "" {
		r.PlacedAdoption[0].DatePlacedCeased, r.PlacedAdoption[0].ReasonPlacedCeased = d(ceased), "RD3"
	}
	r.PlacedAdoption = append(r.PlacedAdoption, PlacedAdoptionRow{Child: "C3", DOB: d("2020-09-09"), DatePlaced: d(placed)})
}

// TestFindingsInOrder: the same return gives the same findings in the same
// order, rule by rule and child by child.
func TestFindingsInOrder(t *testing.T) {
	r := cleanReturn(t)
	for _, c := range []string{"C1", "C2", "C3", "C4", "C5"} {
		r.Missing = append(r.Missing, MissingRow{Child: c, Missing: "M", MisStart: d("2023-06-01")}, MissingRow{Child: c, Missing: "M", MisStart: d("2023-06-02")})
		r.SWEpisodes = append(r.SWEpisodes, SWEpisodeRow{Child: c, SWID: "SW1", SWDECOM: d("2023-06-01")}, SWEpisodeRow{Child: c, SWID: "SW1", SWDECOM: d("2023-06-02")})
		r.PlacedAdoption = append(r.PlacedAdoption, PlacedAdoptionRow{Child: c, DatePlaced: d("2023-06-01")}, PlacedAdoptionRow{Child: c, DatePlaced: d("2023-06-02")})
	}
	first := Validate(r)
	for range 20 {
		if again := Validate(r); !slices.Equal(first, again) {
			t.Fatal("the findings came in another order")
		}
	}
}

func TestRulesByYear(t *testing.T) {
	has := func(y Year, code string) (RuleInfo, bool) {
		i := slices.IndexFunc(Rules(y), func(r RuleInfo) bool { return r.Code == code })
		if i < 0 {
			return RuleInfo{}, false
		}
		return Rules(y)[i], true
	}
	if _, ok := has(2023, "SW01STG1"); ok {
		t.Error("a social worker rule in 2022-23")
	}
	if r, ok := has(2024, "SW01STG1"); !ok || r.LastYear || r.Message == "" {
		t.Errorf("SW01STG1 in 2023-24: %+v, %v", r, ok)
	}
	if r, ok := has(2023, "502"); !ok || !r.LastYear {
		t.Errorf("502: %+v, %v", r, ok)
	}
	if n := len(Rules(2026)); n != len(rules)+len(lastRules) {
		t.Errorf("2025-26 has %d rules, want every one, %d", n, len(rules)+len(lastRules))
	}
}

// TestRulesOnBlankRows: a row of blanks in every table (as Read keeps a
// row whose fields it could not read) is reported, never a panic.
func TestRulesOnBlankRows(t *testing.T) {
	for _, y := range []Year{2023, 2024, 2025, 2026, 2027} {
		r := Return{Year: y}
		for _, s := range specs {
			s.grow(&r)
			s.grow(&r)
		}
		if f := ValidateWithLast(r, r); len(f) == 0 {
			t.Errorf("%s: rows of blanks break no rule", y)
		}
	}
}
