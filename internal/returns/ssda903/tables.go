package ssda903

import (
	"slices"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Table names a 903 table, as shared/domain/ssda903-tables.txt does; its
// file is the name with ".csv".
type Table string

// The tables, in the order the DfE lists them.
const (
	TableHeader         Table = "Header"
	TableEpisodes       Table = "Episodes"
	TableReviews        Table = "Reviews"
	TableUASC           Table = "UASC"
	TableOC2            Table = "OC2"
	TableOC3            Table = "OC3"
	TableAD1            Table = "AD1"
	TablePlacedAdoption Table = "PlacedAdoption"
	TablePrevPerm       Table = "PrevPerm"
	TableMissing        Table = "Missing"
	TableSWEpisodes     Table = "SWEpisodes"
	TableDoLo           Table = "DoLo"
)

// File is the table's file name.
func (t Table) File() string { return string(t) + ".csv" }

// kind is what a column holds, for the reader's checks.
type kind int

const (
	text kind = iota // letters, digits and the like; no control characters
	date             // DD/MM/YYYY
	code             // one of a list's codes
	integer
)

type column struct {
	name string
	kind kind
	// codes reports whether a code is one the column may hold in the year
	// (kind code only): any year's code, so that a code withdrawn in a
	// later year is the rules' to judge (146), not the reader's.
	codes func(y Year, c string) bool
}

func col(name string) column     { return column{name: name} }
func dateCol(name string) column { return column{name: name, kind: date} }
func intCol(name string) column  { return column{name: name, kind: integer} }
func listCol(name string, l people.CodeList) column {
	return column{name: name, kind: code, codes: func(_ Year, c string) bool { return l.Has(c) }}
}
func setCol(name string, set ...string) column {
	return column{name: name, kind: code, codes: func(_ Year, c string) bool { return slices.Contains(set, c) }}
}

// sexCol is the Header's and UASC's SEX: 1 and 2 to 2023-24, M, F and U
// from 2024-25 (rule 101 of each year).
var sexCol = column{name: "SEX", kind: code, codes: func(y Year, c string) bool { return slices.Contains(sexCodes(y), c) }}

func sexCodes(y Year) []string {
	if y.sexMF() {
		return []string{"M", "F", "U"}
	}
	return []string{"1", "2"}
}

// cinNeeds are the categories of need an episode records (rule 145): the
// CIN census's N1 to N8, not N9 or N0.
func cinNeed(c string) bool { return journey.PrimaryNeeds.Has(c) && c != "N9" && c != "N0" }

var flags = []string{"0", "1"}

// spec is a table's layout and how its rows are reached: fields gives
// pointers to a row's fields in column order (*string or *civil.Date), so
// one writer and one reader serve every table.
type spec struct {
	table   Table
	columns []column
	from    Year // the first year the table is in the return (0: always)
	oneRow  bool // at most one row per child (rules INT31 to INT36)
	n       func(r *Return) int
	fields  func(r *Return, i int) []any
	grow    func(r *Return) // appends a zero row
}

// specs are the tables in the DfE's order, with their columns as
// shared/domain/ssda903-tables.txt lists them.
var specs = []spec{
	{table: TableHeader, oneRow: true,
		columns: []column{col("CHILD"), sexCol, dateCol("DOB"), listCol("ETHNIC", people.EthnicityCodes), col("UPN"), setCol("MOTHER", flags...), dateCol("MC_DOB")},
		n:       func(r *Return) int { return len(r.Header) },
		fields: func(r *Return, i int) []any {
			x := &r.Header[i]
			return []any{&x.Child, &x.Sex, &x.DOB, &x.Ethnic, &x.UPN, &x.Mother, &x.MCDOB}
		},
		grow: func(r *Return) { r.Header = append(r.Header, HeaderRow{}) }},
	{table: TableEpisodes,
		columns: []column{col("CHILD"), dateCol("DECOM"), listCol("RNE", care.ReasonsNew), listCol("LS", care.LegalStatuses),
			{name: "CIN", kind: code, codes: func(_ Year, c string) bool { return cinNeed(c) }},
			listCol("PLACE", care.PlacementTypes), listCol("PLACE_PROVIDER", care.Providers), dateCol("DEC"), listCol("REC", care.ReasonsCeased),
			listCol("REASON_PLACE_CHANGE", care.PlaceChangeReasons), col("HOME_POST"), col("PL_POST"), col("URN")},
		n: func(r *Return) int { return len(r.Episodes) },
		fields: func(r *Return, i int) []any {
			x := &r.Episodes[i]
			return []any{&x.Child, &x.DECOM, &x.RNE, &x.LS, &x.CIN, &x.Place, &x.PlaceProvider, &x.DEC, &x.REC, &x.ReasonPlaceChange, &x.HomePost, &x.PLPost, &x.URN}
		},
		grow: func(r *Return) { r.Episodes = append(r.Episodes, EpisodeRow{}) }},
	{table: TableReviews,
		columns: []column{col("CHILD"), dateCol("DOB"), dateCol("REVIEW"), listCol("REVIEW_CODE", care.Participation)},
		n:       func(r *Return) int { return len(r.Reviews) },
		fields: func(r *Return, i int) []any {
			x := &r.Reviews[i]
			return []any{&x.Child, &x.DOB, &x.Review, &x.ReviewCode}
		},
		grow: func(r *Return) { r.Reviews = append(r.Reviews, ReviewRow{}) }},
	{table: TableUASC, oneRow: true,
		columns: []column{col("CHILD"), sexCol, dateCol("DOB"), dateCol("DUC")},
		n:       func(r *Return) int { return len(r.UASC) },
		fields: func(r *Return, i int) []any {
			x := &r.UASC[i]
			return []any{&x.Child, &x.Sex, &x.DOB, &x.DUC}
		},
		grow: func(r *Return) { r.UASC = append(r.UASC, UASCRow{}) }},
	{table: TableOC2, oneRow: true,
		columns: []column{col("CHILD"), dateCol("DOB"), intCol("SDQ_SCORE"), listCol("SDQ_REASON", care.SDQReasons),
			setCol("CONVICTED", flags...), setCol("HEALTH_CHECK", flags...), setCol("IMMUNISATIONS", flags...), setCol("TEETH_CHECK", flags...),
			setCol("HEALTH_ASSESSMENT", flags...), setCol("SUBSTANCE_MISUSE", flags...), setCol("INTERVENTION_RECEIVED", flags...), setCol("INTERVENTION_OFFERED", flags...)},
		n: func(r *Return) int { return len(r.OC2) },
		fields: func(r *Return, i int) []any {
			x := &r.OC2[i]
			return []any{&x.Child, &x.DOB, &x.SDQScore, &x.SDQReason, &x.Convicted, &x.HealthCheck, &x.Immunisations, &x.TeethCheck,
				&x.HealthAssessment, &x.SubstanceMisuse, &x.InterventionReceived, &x.InterventionOffered}
		},
		grow: func(r *Return) { r.OC2 = append(r.OC2, OC2Row{}) }},
	{table: TableOC3, oneRow: true,
		columns: []column{col("CHILD"), dateCol("DOB"), listCol("IN_TOUCH", care.InTouch), listCol("ACTIV", care.Activities), listCol("ACCOM", care.Accommodations)},
		n:       func(r *Return) int { return len(r.OC3) },
		fields: func(r *Return, i int) []any {
			x := &r.OC3[i]
			return []any{&x.Child, &x.DOB, &x.InTouch, &x.Activ, &x.Accom}
		},
		grow: func(r *Return) { r.OC3 = append(r.OC3, OC3Row{}) }},
	{table: TableAD1, oneRow: true,
		columns: []column{col("CHILD"), dateCol("DOB"), dateCol("DATE_INT"), dateCol("DATE_MATCH"), setCol("FOSTER_CARE", flags...),
			intCol("NB_ADOPTR"), listCol("SEX_ADOPTR", care.AdopterSexes), listCol("LS_ADOPTR", care.AdopterStatuses)},
		n: func(r *Return) int { return len(r.AD1) },
		fields: func(r *Return, i int) []any {
			x := &r.AD1[i]
			return []any{&x.Child, &x.DOB, &x.DateInt, &x.DateMatch, &x.FosterCare, &x.NBAdoptr, &x.SexAdoptr, &x.LSAdoptr}
		},
		grow: func(r *Return) { r.AD1 = append(r.AD1, AD1Row{}) }},
	{table: TablePlacedAdoption,
		columns: []column{col("CHILD"), dateCol("DOB"), dateCol("DATE_PLACED"), dateCol("DATE_PLACED_CEASED"), listCol("REASON_PLACED_CEASED", care.AdoptionCeasedReasons)},
		n:       func(r *Return) int { return len(r.PlacedAdoption) },
		fields: func(r *Return, i int) []any {
			x := &r.PlacedAdoption[i]
			return []any{&x.Child, &x.DOB, &x.DatePlaced, &x.DatePlacedCeased, &x.ReasonPlacedCeased}
		},
		grow: func(r *Return) { r.PlacedAdoption = append(r.PlacedAdoption, PlacedAdoptionRow{}) }},
	{table: TablePrevPerm, oneRow: true,
		columns: []column{col("CHILD"), dateCol("DOB"), listCol("PREV_PERM", PrevPermOptions), col("LA_PERM"), dateCol("DATE_PERM")},
		n:       func(r *Return) int { return len(r.PrevPerm) },
		fields: func(r *Return, i int) []any {
			x := &r.PrevPerm[i]
			return []any{&x.Child, &x.DOB, &x.PrevPerm, &x.LAPerm, &x.DatePerm}
		},
		grow: func(r *Return) { r.PrevPerm = append(r.PrevPerm, PrevPermRow{}) }},
	{table: TableMissing,
		columns: []column{col("CHILD"), dateCol("DOB"), setCol("MISSING", "M", "A"), dateCol("MIS_START"), dateCol("MIS_END")},
		n:       func(r *Return) int { return len(r.Missing) },
		fields: func(r *Return, i int) []any {
			x := &r.Missing[i]
			return []any{&x.Child, &x.DOB, &x.Missing, &x.MisStart, &x.MisEnd}
		},
		grow: func(r *Return) { r.Missing = append(r.Missing, MissingRow{}) }},
	{table: TableSWEpisodes, from: 2024,
		columns: []column{col("CHILD"), dateCol("DOB"), col("SW_ID"), dateCol("SW_DECOM"), dateCol("SW_DEC"), listCol("SW_REASON", SWReasons)},
		n:       func(r *Return) int { return len(r.SWEpisodes) },
		fields: func(r *Return, i int) []any {
			x := &r.SWEpisodes[i]
			return []any{&x.Child, &x.DOB, &x.SWID, &x.SWDECOM, &x.SWDEC, &x.SWReason}
		},
		grow: func(r *Return) { r.SWEpisodes = append(r.SWEpisodes, SWEpisodeRow{}) }},
	{table: TableDoLo, from: 2027,
		columns: []column{col("CHILD"), dateCol("DOB"), dateCol("DOLO_START"), dateCol("DOLO_END")},
		n:       func(r *Return) int { return len(r.DoLo) },
		fields: func(r *Return, i int) []any {
			x := &r.DoLo[i]
			return []any{&x.Child, &x.DOB, &x.DoLoStart, &x.DoLoEnd}
		},
		grow: func(r *Return) { r.DoLo = append(r.DoLo, DoLoRow{}) }},
}

// Tables are the tables of the year's return, in the DfE's order:
// SWEpisodes from 2023-24, DoLo from 2026-27 (the years their rules begin).
func Tables(y Year) []Table {
	var out []Table
	for _, s := range specs {
		if y >= s.from {
			out = append(out, s.table)
		}
	}
	return out
}

// Columns are the table's column headers in file order.
func Columns(t Table) []string {
	s, ok := specOf(t)
	if !ok {
		return nil
	}
	out := make([]string, len(s.columns))
	for i, c := range s.columns {
		out[i] = c.name
	}
	return out
}

func specOf(t Table) (spec, bool) {
	for _, s := range specs {
		if s.table == t {
			return s, true
		}
	}
	return spec{}, false
}

// dateText writes a date as the 903 does, DD/MM/YYYY; the zero date blank.
func dateText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return twoDigits(d.Day) + "/" + twoDigits(int(d.Month)) + "/" + fourDigits(d.Year)
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10%10), byte('0' + n%10)}) }
func fourDigits(n int) string {
	return string([]byte{byte('0' + n/1000%10), byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)})
}

// parseDate reads DD/MM/YYYY (one-digit day and month allowed, as
// spreadsheets write them) as a date in the calendar.
func parseDate(s string) (civil.Date, bool) {
	var parts [3]int
	p, digits := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '/':
			if digits == 0 || p == 2 {
				return civil.Date{}, false
			}
			p++
			digits = 0
		case c >= '0' && c <= '9':
			digits++
			if digits > 4 || (p < 2 && digits > 2) {
				return civil.Date{}, false
			}
			parts[p] = parts[p]*10 + int(c-'0')
		default:
			return civil.Date{}, false
		}
	}
	if p != 2 || digits != 4 {
		return civil.Date{}, false
	}
	d := civil.Date{Year: parts[2], Month: time.Month(parts[1]), Day: parts[0]}
	return d, d.Valid()
}
