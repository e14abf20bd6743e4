// Package ssda903 is the SSDA903 return, the DfE's statutory return of
// children looked after: built from the council's person and journey
// records for a collection year (Build), written as the DfE's CSV files,
// one per table (Write), read back from such files (Read), and held to the
// DfE's validation rules (Validate, and ValidateWithLast for those that
// compare with last year's return; Rules lists them). It is pure Go: the
// caller reads the records and opens the files.
//
// A Return holds the tables as the files hold them: one row type per
// table, its fields in the file's column order, codes as the return writes
// them and dates as dates. So a return read from last year's files and one
// built from the records are the same kind of value, judged by the same
// rules. Rule numbers in comments are the DfE's 903 validation rules
// (shared/domain/ssda903-rules.tsv).
package ssda903

import (
	"fmt"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Year is a collection year, named by the calendar year it ends in, as
// cin.Year is: Year 2023 is 1 April 2022 to 31 March 2023, the 903 of
// 2022-23 (the rule set lac2022_23).
type Year int

// Start is the first day of the collection year, 1 April.
func (y Year) Start() civil.Date { return civil.MustNew(int(y)-1, time.April, 1) }

// End is the last day of the collection year, 31 March: the day the
// return describes the children "at 31 March".
func (y Year) End() civil.Date { return civil.MustNew(int(y), time.March, 31) }

// In reports whether d falls within the collection year (both ends
// inclusive).
func (y Year) In(d civil.Date) bool {
	return !d.IsZero() && !d.Before(y.Start()) && !d.After(y.End())
}

// String writes the year as the DfE does, "2022-23".
func (y Year) String() string { return fmt.Sprintf("%d-%02d", int(y)-1, int(y)%100) }

// care is the same year as package care names it (by the year it starts in).
func (y Year) care() care.Year { return care.Year(int(y) - 1) }

// sexMF reports whether the year's Header and UASC tables record sex as M,
// F or U (from 2024-25, rule 101 of lac2024_25) rather than 1 or 2.
func (y Year) sexMF() bool { return y >= 2025 }

// Child is what the return reads about one child: the person record and
// every journey record of the child (current versions, any kind, any date;
// kinds the return does not use are ignored).
type Child struct {
	Person people.Person
	// UPNUnknown is the DfE's reason a child has no UPN (UN1 to UN5), which
	// the person record does not hold yet; the Header's UPN takes it when
	// the person has no UPN.
	UPNUnknown string
	Records    []journey.Record
}

// Return is one collection year's 903: the council's three-digit DfE
// number (LA, which no file holds: the caller names it) and the rows of
// each table in file order. Every table's first column is the child's id
// (CHILD), as in the files.
type Return struct {
	Year           Year
	LA             string
	Header         []HeaderRow
	Episodes       []EpisodeRow
	Reviews        []ReviewRow
	UASC           []UASCRow
	OC2            []OC2Row
	OC3            []OC3Row
	AD1            []AD1Row
	PlacedAdoption []PlacedAdoptionRow
	PrevPerm       []PrevPermRow
	Missing        []MissingRow
	SWEpisodes     []SWEpisodeRow
	DoLo           []DoLoRow
}

// HeaderRow is a row of Header: one per child in the return.
type HeaderRow struct {
	Child  string
	Sex    string // 1 or 2 to 2023-24; M, F or U from 2024-25
	DOB    civil.Date
	Ethnic string // people.EthnicityCodes
	UPN    string // the UPN, or UN1 to UN5
	Mother string // 1 if the child is a mother, 0 if not: not held (blank)
	MCDOB  civil.Date
}

// EpisodeRow is a row of Episodes: an episode of care open in the year.
type EpisodeRow struct {
	Child             string
	DECOM             civil.Date
	RNE               string // care.ReasonsNew
	LS                string // care.LegalStatuses
	CIN               string // N1 to N8
	Place             string // care.PlacementTypes, by year
	PlaceProvider     string // care.Providers
	DEC               civil.Date
	REC               string // care.ReasonsCeased
	ReasonPlaceChange string // care.PlaceChangeReasons: why the placement of this (ended) episode ended
	HomePost          string
	PLPost            string
	URN               string
}

// ReviewRow is a row of Reviews: a review of the care plan held in the year.
type ReviewRow struct {
	Child      string
	DOB        civil.Date
	Review     civil.Date
	ReviewCode string // care.Participation
}

// UASCRow is a row of UASC: a child who is or was an unaccompanied
// asylum-seeking child, and when that status ceased.
type UASCRow struct {
	Child string
	Sex   string
	DOB   civil.Date
	DUC   civil.Date
}

// OC2Row is a row of OC2: a child looked after continuously for 12 months
// at 31 March. Flags are "1", "0" or blank, as the file has them.
type OC2Row struct {
	Child                string
	DOB                  civil.Date
	SDQScore             string // 0 to 40
	SDQReason            string // care.SDQReasons
	Convicted            string
	HealthCheck          string
	Immunisations        string
	TeethCheck           string
	HealthAssessment     string
	SubstanceMisuse      string
	InterventionReceived string
	InterventionOffered  string
}

// OC3Row is a row of OC3: a care leaver around their 17th to 21st birthday.
type OC3Row struct {
	Child   string
	DOB     civil.Date
	InTouch string // care.InTouch
	Activ   string // care.Activities
	Accom   string // care.Accommodations
}

// AD1Row is a row of AD1: a child adopted in the year.
type AD1Row struct {
	Child      string
	DOB        civil.Date
	DateInt    civil.Date // the decision that the child should be placed for adoption
	DateMatch  civil.Date
	FosterCare string // "1" adopted by their foster carers, "0" not
	NBAdoptr   string // 1 or 2
	SexAdoptr  string // care.AdopterSexes
	LSAdoptr   string // care.AdopterStatuses
}

// PlacedAdoptionRow is a row of PlacedAdoption: a decision that the child
// should be placed for adoption, and its reversal.
type PlacedAdoptionRow struct {
	Child              string
	DOB                civil.Date
	DatePlaced         civil.Date // the decision's date, despite the name
	DatePlacedCeased   civil.Date
	ReasonPlacedCeased string // care.AdoptionCeasedReasons
}

// PrevPermRow is a row of PrevPerm: the child's permanence arrangement
// before this period of care.
type PrevPermRow struct {
	Child    string
	DOB      civil.Date
	PrevPerm string // P1 to P4, Z1
	LAPerm   string
	DatePerm civil.Date
}

// MissingRow is a row of Missing: a period missing (M) or away without
// authorisation (A) from care.
type MissingRow struct {
	Child    string
	DOB      civil.Date
	Missing  string // M or A
	MisStart civil.Date
	MisEnd   civil.Date
}

// SWEpisodeRow is a row of SWEpisodes (from 2023-24): a social worker
// episode of a child looked after at 31 March.
type SWEpisodeRow struct {
	Child    string
	DOB      civil.Date
	SWID     string
	SWDECOM  civil.Date
	SWDEC    civil.Date
	SWReason string // SWReasons
}

// DoLoRow is a row of DoLo (from 2026-27): a deprivation of liberty order.
type DoLoRow struct {
	Child     string
	DOB       civil.Date
	DoLoStart civil.Date
	DoLoEnd   civil.Date
}

// SWReasons are the reasons for a change of social worker (SW_REASON, rule
// SW13STG1). The schema's list has "PCCHAN " with a stray space; the rule's
// list does not.
var SWReasons = people.CodeList{
	{Code: "MANAGE", Label: "Management decision"},
	{Code: "FCONTA", Label: "First contact"},
	{Code: "LEFTRL", Label: "Social worker left the role"},
	{Code: "ORGRST", Label: "Organisational restructure"},
	{Code: "TSPROC", Label: "Transfer between teams as part of the council's process"},
	{Code: "ABSENC", Label: "Social worker absent"},
	{Code: "CHCHAN", Label: "Change in the child's circumstances"},
	{Code: "PCCHAN", Label: "Change of placement"},
	{Code: "SWDIED", Label: "Social worker died"},
	{Code: "OTHERS", Label: "Other"},
}

// PrevPermOptions are the permanence arrangements a child had before the
// period of care (PREV_PERM, rule 631). Labels are not in the schema; they
// should be checked against the DfE's guidance before they are shown.
var PrevPermOptions = people.CodeList{
	{Code: "P1", Label: "P1"},
	{Code: "P2", Label: "P2"},
	{Code: "P3", Label: "P3"},
	{Code: "P4", Label: "P4"},
	{Code: "Z1", Label: "Z1"},
}
