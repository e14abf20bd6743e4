package ssda903

import (
	"slices"
	"strconv"
	"strings"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/people"
)

// rules are the DfE's 903 rules Validate applies, by code
// (shared/domain/ssda903-rules.tsv): the dates in order, the code lists,
// episodes that overlap or fail to join, reviews, missing periods, the
// care leavers' and adoption tables, and the file's integrity (each child
// in the Header once, with one date of birth). The messages are Hearth's
// own words. Rules that compare with last year's return, or need data no
// 903 file holds (Ofsted's provider list, postcodes' councils), are not
// here; docs/DATA-MODEL.md lists what is.
var rules = []rule{
	// The Header.
	{code: "101", message: "The child's sex is not a code of the year's return (1 or 2 to 2023-24; M, F or U from 2024-25)", check: r101},
	{code: "102", message: "The child's date of birth is missing or not a date", check: r102},
	{code: "103", message: "The child's ethnicity is missing or not a DfE ethnicity code", check: r103},
	{code: "168", message: "The UPN is not a valid UPN, nor UN1 to UN5 for one not known", check: r168},
	{code: "301", message: "The child's date of birth is after the end of the collection year", check: r301},
	{code: "351", message: "The young person was 25 or over at the start of the collection year", check: r351},

	// Episodes: the codes.
	{code: "141", message: "The date the episode began is missing or not a date", check: eachEpisode("DECOM", func(_ *checker, e EpisodeRow) bool { return e.DECOM.IsZero() })},
	{code: "143", message: "The reason for the new episode is not a valid code", check: eachEpisode("RNE", func(_ *checker, e EpisodeRow) bool { return !care.ReasonsNew.Has(e.RNE) })},
	{code: "144", message: "The legal status is not a valid code", check: eachEpisode("LS", func(_ *checker, e EpisodeRow) bool { return !care.LegalStatuses.Has(e.LS) })},
	{code: "145", message: "The category of need is not a valid code (N1 to N8)", check: eachEpisode("CIN", func(_ *checker, e EpisodeRow) bool { return !cinNeed(e.CIN) })},
	{code: "146", message: "The placement type is not a valid code in the collection year", check: eachEpisode("PLACE", func(c *checker, e EpisodeRow) bool { return !care.PlacementIn(e.Place, c.y.care()) })},
	{code: "149", message: "The reason the episode ceased is not a valid code", check: eachEpisode("REC", func(_ *checker, e EpisodeRow) bool { return e.REC != "" && !care.ReasonsCeased.Has(e.REC) })},
	{code: "178", message: "The placement provider is not a valid code", check: eachEpisode("PLACE_PROVIDER", func(_ *checker, e EpisodeRow) bool {
		return e.PlaceProvider != "" && !care.Providers.Has(e.PlaceProvider)
	})},
	{code: "1009", message: "The reason for the placement change is not a valid code", check: eachEpisode("REASON_PLACE_CHANGE", func(_ *checker, e EpisodeRow) bool {
		return e.ReasonPlaceChange != "" && !care.PlaceChangeReasons.Has(e.ReasonPlaceChange)
	})},

	// Episodes: dates in order.
	{code: "148", message: "The date and the reason the episode ceased are given together, or neither", check: eachEpisode("DEC", func(_ *checker, e EpisodeRow) bool { return e.DEC.IsZero() != (e.REC == "") })},
	{code: "354", message: "The episode began after the end of the collection year", check: eachEpisode("DECOM", func(c *checker, e EpisodeRow) bool { return e.DECOM.After(c.y.End()) })},
	{code: "385", message: "The episode ceased after the end of the collection year", check: eachEpisode("DEC", func(c *checker, e EpisodeRow) bool { return e.DEC.After(c.y.End()) })},
	{code: "356", message: "The episode ceased before it began", check: eachEpisode("DEC", func(_ *checker, e EpisodeRow) bool { return !e.DEC.IsZero() && e.DEC.Before(e.DECOM) })},
	{code: "355", message: "The episode began and ceased on the same day", check: eachEpisode("DEC", func(_ *checker, e EpisodeRow) bool { return !e.DEC.IsZero() && e.DEC == e.DECOM })},
	{code: "302", message: "The first episode began before the child was born", check: r302},
	{code: "501", message: "An episode began before the previous episode ceased", check: r501},
	{code: "142", message: "A later episode began, but this one has no date ceased", check: r142},
	{code: "388", message: "The episode ceased with X1 (a new episode begins), but no episode begins that day", check: r388},
	{code: "433", message: "The reason for the new episode says it continues the last one, but no episode ceased the day it began", check: r433},
	{code: "431", message: "The reason for the new episode is S (started to be looked after), but the previous episode ceased the same day", check: r431},
	{code: "432", message: "The previous episode ended the period of care, but the reason for this one is not S", check: r432},
	{code: "504", message: "The category of need differs from the one at the start of the period of care", check: r504},

	// Episodes: placements, providers and reasons.
	{code: "380", message: "A period of care cannot start in a temporary placement (T0 to T4)", check: eachEpisode("PLACE", func(_ *checker, e EpisodeRow) bool { return e.RNE == care.ReasonStart && care.Temporary(e.Place) })},
	{code: "381", message: "A period of care cannot end in a temporary placement (T0 to T4)", check: eachEpisode("REC", func(_ *checker, e EpisodeRow) bool { return care.TemporaryEndsPeriod(e.Place, e.REC) != "" })},
	{code: "217", message: "A child placed for adoption with their foster carers (A3 or A5) starts the episode with reason S, T or U", check: eachEpisode("RNE", func(_ *checker, e EpisodeRow) bool {
		return care.WithFosterCarers(e.Place) && !slices.Contains([]string{"S", "T", "U"}, e.RNE)
	})},
	{code: "213", message: "A placement of this type records no provider", check: eachEpisode("PLACE_PROVIDER", func(_ *checker, e EpisodeRow) bool { return e.PlaceProvider != "" && care.ProviderForbidden(e.Place) })},
	{code: "526", message: "The placement provider is missing", check: eachEpisode("PLACE_PROVIDER", func(_ *checker, e EpisodeRow) bool {
		return e.PlaceProvider == "" && care.PlacementTypes.Has(e.Place) && care.ProviderRequired(e.Place)
	})},
	{code: "527", message: "The council's own provision (PR1) does not provide a placement with parents, NHS care or a young offender institution", check: providerRule("PR1")},
	{code: "528", message: "Another council's provision (PR2) does not provide a placement with parents, NHS care or a young offender institution", check: providerRule("PR2")},
	{code: "529", message: "Other public provision (PR3) does not provide a placement with parents, for adoption, in a children's home or in foster care", check: providerRule("PR3")},
	{code: "530", message: "Private provision (PR4) does not provide a placement with parents", check: providerRule("PR4")},
	{code: "531", message: "Voluntary provision (PR5) does not provide a placement with parents", check: providerRule("PR5")},
	{code: "550", message: "Parents (PR0) provide only a placement with parents (P1)", check: providerRule("PR0")},
	{code: "225", message: "The placement changed when this episode ceased: the reason for the change is missing", check: r225},
	{code: "226", message: "A temporary placement (T0 to T4) records no reason for a placement change", check: eachEpisode("REASON_PLACE_CHANGE", func(_ *checker, e EpisodeRow) bool { return e.ReasonPlaceChange != "" && care.Temporary(e.Place) })},
	{code: "233", from: 2026, message: "An episode that has not ceased records no reason for a placement change", check: eachEpisode("REASON_PLACE_CHANGE", func(_ *checker, e EpisodeRow) bool { return e.ReasonPlaceChange != "" && e.DEC.IsZero() })},
	{code: "408", message: "A child placed for adoption under a placement order (A5 or A6) has legal status E1 or D1", check: eachEpisode("LS", func(_ *checker, e EpisodeRow) bool { return care.PlacementOrderRule(e.LS, e.Place) != "" })},
	{code: "390", message: "The child was adopted but not from a placement for adoption (A3 to A6)", check: eachEpisode("REC", func(_ *checker, e EpisodeRow) bool { return care.AdoptedFromPlacement(e.Place, e.REC) != "" })},
	{code: "375", message: "A temporary placement in hospital (T1) lasted more than six weeks", check: temporaryRule("T1")},
	{code: "376", message: "A temporary placement while the foster carers were on holiday (T3) lasted more than three weeks", check: temporaryRule("T3")},
	{code: "379", message: "A temporary placement for another reason (T4) lasted more than seven days", check: temporaryRule("T4")},

	// Episodes: the child's age.
	{code: "352", message: "The child started to be looked after aged 18 or over", check: ageRule("DECOM", func(e EpisodeRow) civil.Date { return e.DECOM }, func(e EpisodeRow, age int) bool { return e.RNE == care.ReasonStart && age >= 18 })},
	{code: "358", message: "A child under 10 cannot be remanded or detained (J1, J2, J3)", check: ageRule("LS", func(e EpisodeRow) civil.Date { return e.DECOM }, func(e EpisodeRow, age int) bool {
		return slices.Contains([]string{"J1", "J2", "J3"}, e.LS) && age < 10
	})},
	{code: "386", message: "The child was adopted at 18 or over", check: ageRule("REC", func(e EpisodeRow) civil.Date { return e.DEC }, func(e EpisodeRow, age int) bool { return care.Adopted(e.REC) && age >= 18 })},
	{code: "387", message: "The child moved to independent living (E5, E6) aged under 14", check: ageRule("REC", func(e EpisodeRow) civil.Date { return e.DEC }, func(e EpisodeRow, age int) bool {
		return (e.REC == "E5" || e.REC == "E6") && age < 14
	})},
	{code: "389", message: "The child moved to adult social care's residential care (E7) aged under 16", check: ageRule("REC", func(e EpisodeRow) civil.Date { return e.DEC }, func(e EpisodeRow, age int) bool { return e.REC == "E7" && age < 16 })},
	{code: "407", message: "Care ended with a special guardianship order (E45 to E48) at 18 or over", check: ageRule("REC", func(e EpisodeRow) civil.Date { return e.DEC }, func(e EpisodeRow, age int) bool {
		return slices.Contains([]string{"E45", "E46", "E47", "E48"}, e.REC) && age >= 18
	})},
	{code: "460", message: "Care ended with the young person staying put at 18 (E17) but they were under 18", check: ageRule("REC", func(e EpisodeRow) civil.Date { return e.DEC }, func(e EpisodeRow, age int) bool { return e.REC == "E17" && age < 18 })},
	{code: "370", message: "A child in independent living (P2) is at least 16 (15 before 2023-24)", check: placementAgeRule("P2")},
	{code: "371", message: "A child in semi-independent or supported accommodation (H5, K3) is at least 16 (H5: 14 before 2023-24)", check: placementAgeRule("H5", "K3")},
	{code: "372", message: "A child in youth custody or prison (R5) is at least 10", check: placementAgeRule("R5")},
	{code: "373", message: "A child placed in a residential school (S1) is at least 4", check: placementAgeRule("S1")},
	{code: "374", message: "A child in residential employment (P3) is at least 14", check: placementAgeRule("P3")},

	{code: "218", message: "The placement's Ofsted URN is missing (XXXXXXX where it has none)", check: urnRule("218")},
	{code: "222", message: "A placement of this type records no Ofsted URN", check: urnRule("222")},
	{code: "230", from: 2024, message: "A placement in semi-independent accommodation (H5) from 28 October 2023 records its provider's Ofsted URN", check: urnRule("230")},
	{code: "217t", from: 2024, message: "No episode starts in independent living (P2) on or after 28 October 2023", check: eachEpisode("PLACE", func(_ *checker, e EpisodeRow) bool {
		return strings.Contains(care.PlacementYearRule(e.Place, e.DECOM, civil.Date{}), "217t")
	})},
	{code: "392c", message: "The home or placement postcode is not a valid postcode", check: r392c},
	{code: "392d", message: "The home and placement postcodes are the same, but the child is not placed with their parents (P1)", check: eachEpisode("PL_POST", func(_ *checker, e EpisodeRow) bool {
		return e.HomePost != "" && e.Place != "P1" && people.NormalisePostcode(e.HomePost) == people.NormalisePostcode(e.PLPost)
	})},
	{code: "377", message: "A child has at most two temporary placements while their foster carers are on holiday (T3) in any 12 months", check: r377},
	{code: "361", message: "Police protection (L1) lasted more than 72 hours", check: legalStatusRule("L1")},
	{code: "362", message: "An emergency protection order (L2) lasted more than 21 days", check: legalStatusRule("L2")},
	{code: "363", message: "A child assessment order (L3) lasted more than 7 days", check: legalStatusRule("L3")},
	{code: "364", message: "Accommodation under PACE (J2) lasted more than 21 days", check: legalStatusRule("J2")},
	{code: "383", message: "After a temporary placement the child returns to the placement they left (its type and postcode)", check: r383},
	{code: "437", message: "The child died (E2) or was found to be 18 or over (E15), but a later episode follows", check: r437},

	// Reviews.
	{code: "166", message: "The date of the review is missing or not a date", check: r166},
	{code: "167", message: "The child's participation in the review is missing or not a valid code", check: r167},
	{code: "399", message: "A child looked after only on short breaks (V3, V4) has no reviews in the return", check: r399},
	{code: "440", message: "PN0 is for a child under 4 at the review", check: participationRule("PN0")},
	{code: "441", message: "A child under 4 at the review takes part as PN0", check: participationRule("")},

	// Missing.
	{code: "1004", message: "The date the missing period began is missing or not a date", check: eachMissing("MIS_START", func(_ *checker, m MissingRow) bool { return m.MisStart.IsZero() })},
	{code: "1006", message: "Whether the child was missing (M) or away without authorisation (A) is missing or not a valid code", check: eachMissing("MISSING", func(_ *checker, m MissingRow) bool { return m.Missing != "M" && m.Missing != "A" })},
	{code: "567", message: "The missing period ended before it began", check: eachMissing("MIS_END", func(_ *checker, m MissingRow) bool { return !m.MisEnd.IsZero() && m.MisEnd.Before(m.MisStart) })},
	{code: "570", message: "The missing period began after the end of the collection year", check: eachMissing("MIS_START", func(c *checker, m MissingRow) bool { return m.MisStart.After(c.y.End()) })},
	{code: "571", message: "The missing period ended before the start or after the end of the collection year", check: eachMissing("MIS_END", func(c *checker, m MissingRow) bool { return !m.MisEnd.IsZero() && !c.y.In(m.MisEnd) })},
	{code: "586", message: "The missing period began before the child was born", check: eachMissing("MIS_START", func(c *checker, m MissingRow) bool {
		dob := c.dob(m.Child)
		return !dob.IsZero() && m.MisStart.Before(dob)
	})},
	{code: "574", message: "A missing period began before the previous one ended", check: r574},
	{code: "581", message: "The child went missing before they started to be looked after", check: r581},
	{code: "578", message: "The child went missing after they ceased to be looked after", check: r578},
	{code: "580", message: "The child was missing when they ceased to be looked after, but the reason care ended is not E8", check: r580},
	{code: "577", message: "The child ceased to be looked after, but a missing period has no end date", check: r577},

	// OC2: who answers what.
	{code: "188", message: "A child under 4 at 31 March has no SDQ score or reason", check: eachOC2("SDQ_SCORE", func(c *checker, o OC2Row) bool {
		age, ok := ageOn(o.DOB, c.y.End())
		return ok && age < 4 && (o.SDQScore != "" || o.SDQReason != "")
	})},
	{code: "189", message: "A young person 17 or over at 1 April has no SDQ score or reason", check: eachOC2("SDQ_SCORE", func(c *checker, o OC2Row) bool {
		age, ok := ageOn(o.DOB, c.y.Start())
		return ok && age >= 17 && (o.SDQScore != "" || o.SDQReason != "")
	})},
	{code: "191", message: "A child looked after for 12 months has immunisations, teeth check, health assessment and substance misuse completed (0 or 1)", check: eachOC2("SUBSTANCE_MISUSE", func(_ *checker, o OC2Row) bool {
		return slices.ContainsFunc([]string{o.Immunisations, o.TeethCheck, o.HealthAssessment, o.SubstanceMisuse}, func(v string) bool { return v != "0" && v != "1" })
	})},
	{code: "542", message: "A child under 10 at 31 March has no conviction information", check: eachOC2("CONVICTED", func(c *checker, o OC2Row) bool {
		age, ok := ageOn(o.DOB, c.y.End())
		return ok && age < 10 && o.Convicted != ""
	})},
	{code: "543", message: "A child 10 or over at 31 March, looked after for 12 months, has conviction information (0 or 1)", check: eachOC2("CONVICTED", func(c *checker, o OC2Row) bool {
		age, ok := ageOn(o.DOB, c.y.End())
		return ok && age >= 10 && o.Convicted != "0" && o.Convicted != "1"
	})},
	{code: "545", message: "A child under 5 at 31 March, looked after for 12 months, has health promotion information (0 or 1)", check: eachOC2("HEALTH_CHECK", func(c *checker, o OC2Row) bool {
		age, ok := ageOn(o.DOB, c.y.End())
		return ok && age < 5 && o.HealthCheck != "0" && o.HealthCheck != "1"
	})},
	{code: "546", message: "A child 5 or over at 31 March has no health promotion information", check: eachOC2("HEALTH_CHECK", func(c *checker, o OC2Row) bool {
		age, ok := ageOn(o.DOB, c.y.End())
		return ok && age >= 5 && o.HealthCheck != ""
	})},

	{code: "181", message: "The data items of a child looked after for 12 months are 0 or 1", check: eachOC2("CONVICTED", func(_ *checker, o OC2Row) bool {
		return slices.ContainsFunc(oc2Items(o), func(v string) bool { return v != "" && v != "0" && v != "1" })
	})},
	{code: "158", message: "A child who received an intervention for substance misuse has whether one was offered left blank", check: eachOC2("INTERVENTION_OFFERED", func(_ *checker, o OC2Row) bool {
		return o.InterventionReceived == "1" && o.InterventionOffered != ""
	})},
	{code: "159", message: "A child with a substance misuse problem who received no intervention has whether one was offered completed", check: eachOC2("INTERVENTION_OFFERED", func(_ *checker, o OC2Row) bool {
		return o.SubstanceMisuse == "1" && o.InterventionReceived == "0" && o.InterventionOffered == ""
	})},
	{code: "192", message: "A child with a substance misuse problem has whether they received an intervention completed", check: eachOC2("INTERVENTION_RECEIVED", func(_ *checker, o OC2Row) bool {
		return o.SubstanceMisuse == "1" && o.InterventionReceived == ""
	})},
	{code: "193", message: "A child with no substance misuse problem has no intervention offered or received", check: eachOC2("INTERVENTION_RECEIVED", func(_ *checker, o OC2Row) bool {
		return o.SubstanceMisuse == "0" && (o.InterventionReceived != "" || o.InterventionOffered != "")
	})},
	{code: "186", message: "A child 4 or over at 1 April and under 17 at 31 March, looked after for 12 months, has an SDQ score or the reason for none", check: eachOC2("SDQ_SCORE", func(c *checker, o OC2Row) bool {
		from, ok1 := ageOn(o.DOB, c.y.Start())
		to, ok2 := ageOn(o.DOB, c.y.End())
		return ok1 && ok2 && from >= 4 && to < 17 && o.SDQScore == "" && o.SDQReason == ""
	})},
	{code: "185", message: "The child was not looked after continuously for 12 months at 31 March, so has no SDQ score", check: eachOC2("SDQ_SCORE", func(c *checker, o OC2Row) bool {
		return o.SDQScore != "" && !c.twelveMonths(o.Child)
	})},
	{code: "198", message: "The child was not looked after continuously for 12 months at 31 March, so has no reason for no SDQ score", check: eachOC2("SDQ_REASON", func(c *checker, o OC2Row) bool {
		return o.SDQReason != "" && !c.twelveMonths(o.Child)
	})},
	{code: "190", message: "The child was not looked after continuously for 12 months at 31 March, so has none of the 12 months' data items", check: eachOC2("CONVICTED", func(c *checker, o OC2Row) bool {
		return slices.ContainsFunc(oc2Items(o), func(v string) bool { return v != "" }) && !c.twelveMonths(o.Child)
	})},

	// A care leaver with no episode in the year has only the Header and OC3.
	{code: "1012", message: "A care leaver not looked after in the year has no data but the Header and OC3", check: r1012},
	{code: "1000", message: "The young person died in care, so has no care leaver information", check: oc3AfterCare("E2")},
	{code: "1011", message: "The young person's care passed to another council (E3), so this council returns no care leaver information", check: oc3AfterCare("E3")},
	{code: "134", message: "A young person in OC3 has no adoption data (AD1)", check: r134},
	{code: "187", message: "A child looked after for 12 months at 31 March (OC2) has no adoption or care leaver data", check: r187},
	{code: "1007", message: "No care leaver information about a 17th or 18th birthday the young person was looked after on", check: r1007},

	// Adoption, against the episodes.
	{code: "601", message: "The child was adopted in the year, but AD1 has no row for them", check: r601},
	{code: "602", message: "AD1 has a row for the child, but no episode shows them adopted in the year", check: r602},
	{code: "551", message: "The child was placed for adoption, but PlacedAdoption has no decision that they should be", check: r551},
	{code: "552", message: "The decision that the child should be placed for adoption is after they were placed", check: r552},
	{code: "557", message: "The child left care not adopted, but the decision that they should be placed for adoption has no date or reason it was reversed", check: r557},
	{code: "117", message: "The decision on placing for adoption, or its reversal, is after the end of the year or after the child ceased to be looked after", check: r117},
	{code: "118", message: "The decision that the child should no longer be placed for adoption is before the collection year", check: eachPlaced("DATE_PLACED_CEASED", func(c *checker, p PlacedAdoptionRow) bool {
		return !p.DatePlacedCeased.IsZero() && p.DatePlacedCeased.Before(c.y.Start())
	})},
	{code: "579", message: "A decision that the child should be placed for adoption was made before the previous one was reversed", check: r579},
	{code: "583", message: "A second decision that the child should be placed for adoption, but the earlier one was never reversed", check: r583},
	{code: "558", message: "The child was adopted, so the decision to place them for adoption was not reversed", check: r558},

	// UASC.
	{code: "304", message: "Unaccompanied asylum-seeking child status ceases on or before the 18th birthday", check: r304},

	// OC2.
	{code: "180", message: "The SDQ score is not a whole number from 0 to 40", check: r180},
	{code: "196", message: "The reason for no SDQ score is not a valid code", check: r196},
	{code: "197a", message: "A reason for no SDQ score is not given with a score", check: r197a},

	// OC3.
	{code: "131", message: "Whether the council is in touch with the care leaver is missing or not a valid code", check: eachOC3("IN_TOUCH", func(o OC3Row) bool { return !care.InTouch.Has(o.InTouch) })},
	{code: "132", message: "The care leaver's activity is not a valid code", check: eachOC3("ACTIV", func(o OC3Row) bool { return o.Activ != "" && !care.Activities.Has(o.Activ) })},
	{code: "133", message: "The care leaver's accommodation is not a valid code", check: eachOC3("ACCOM", func(o OC3Row) bool { return o.Accom != "" && !oc3Accommodation(o.Accom) })},
	{code: "153", message: "The care leaver's activity and accommodation are given together, or neither", check: eachOC3("ACTIV", func(o OC3Row) bool { return (o.Activ == "") != (o.Accom == "") })},
	{code: "344", message: "A care leaver who died or returned home (DIED, RHOM) has no activity or accommodation", check: eachOC3("ACTIV", func(o OC3Row) bool {
		return (o.InTouch == "DIED" || o.InTouch == "RHOM") && (o.Activ != "" || o.Accom != "")
	})},
	{code: "345", message: "The council is in touch with the care leaver, so their activity and accommodation are known (not 0)", check: eachOC3("ACTIV", func(o OC3Row) bool {
		return o.InTouch == "YES" && (o.Activ == "0" || o.Accom == "0")
	})},
	{code: "3001", message: "Around their 17th birthday a care leaver does not live with former foster carers (Z1, Z2): at 17 that is staying in care", check: eachOC3At17("ACCOM", func(o OC3Row) bool { return o.Accom == "Z1" || o.Accom == "Z2" })},
	{code: "347", from: 2024, message: "A care leaver under 18 does not live in a foyer (T1, T2)", check: eachOC3At17("ACCOM", func(o OC3Row) bool { return o.Accom == "T1" || o.Accom == "T2" })},
	{code: "391", message: "The young person was not 17, 18, 19, 20 or 21 during the collection year", check: r391},

	// AD1 and PlacedAdoption.
	{code: "511", message: "Two adopters are MM, FF or MF", check: eachAD1("SEX_ADOPTR", func(a AD1Row) bool {
		return a.NBAdoptr == "2" && care.AdopterSexes.Has(a.SexAdoptr) && a.SexAdoptr != "MM" && a.SexAdoptr != "FF" && a.SexAdoptr != "MF"
	})},
	{code: "514", message: "The adopters' legal status is a single person (L0), but there are two adopters", check: eachAD1("LS_ADOPTR", func(a AD1Row) bool { return a.LSAdoptr == "L0" && a.NBAdoptr == "2" })},
	{code: "517", message: "Adopters of legal status L3 are a man and a woman (MF)", check: eachAD1("SEX_ADOPTR", func(a AD1Row) bool { return a.LSAdoptr == "L3" && a.SexAdoptr != "MF" })},
	{code: "518", message: "Adopters of legal status L4 are two men or two women (MM, FF)", check: eachAD1("SEX_ADOPTR", func(a AD1Row) bool { return a.LSAdoptr == "L4" && a.SexAdoptr != "MM" && a.SexAdoptr != "FF" })},
	{code: "524", message: "Adopters of legal status L12 are two men or two women (MM, FF)", check: eachAD1("SEX_ADOPTR", func(a AD1Row) bool { return a.LSAdoptr == "L12" && a.SexAdoptr != "MM" && a.SexAdoptr != "FF" })},
	{code: "1003", message: "The decision that the child should be placed for adoption is before they started to be looked after", check: r1003},
	{code: "114", message: "Whether the child was adopted by their foster carers is not 0 or 1", check: eachAD1("FOSTER_CARE", func(a AD1Row) bool { return a.FosterCare != "0" && a.FosterCare != "1" })},
	{code: "175", message: "The number of adopters is not 1 or 2", check: eachAD1("NB_ADOPTR", func(a AD1Row) bool { return a.NBAdoptr != "1" && a.NBAdoptr != "2" })},
	{code: "176", message: "The adopters' sexes are not a valid code", check: eachAD1("SEX_ADOPTR", func(a AD1Row) bool { return !care.AdopterSexes.Has(a.SexAdoptr) })},
	{code: "177", message: "The adopters' legal status is not a valid code", check: eachAD1("LS_ADOPTR", func(a AD1Row) bool { return !care.AdopterStatuses.Has(a.LSAdoptr) })},
	{code: "333", message: "The decision that the child should be placed for adoption is after the match with the adopters", check: eachAD1("DATE_INT", func(a AD1Row) bool { return !a.DateMatch.IsZero() && a.DateInt.After(a.DateMatch) })},
	{code: "115", message: "The date of the decision that the child should be placed for adoption is missing or not a date", check: eachPlaced("DATE_PLACED", func(_ *checker, p PlacedAdoptionRow) bool { return p.DatePlaced.IsZero() })},
	{code: "119", message: "The date and the reason the decision to place for adoption was reversed are given together, or neither", check: eachPlaced("REASON_PLACED_CEASED", func(_ *checker, p PlacedAdoptionRow) bool {
		return p.DatePlacedCeased.IsZero() != (p.ReasonPlacedCeased == "")
	})},
	{code: "120", message: "The reason the decision to place for adoption was reversed is not a valid code", check: eachPlaced("REASON_PLACED_CEASED", func(_ *checker, p PlacedAdoptionRow) bool {
		return p.ReasonPlacedCeased != "" && !care.AdoptionCeasedReasons.Has(p.ReasonPlacedCeased)
	})},
	{code: "522", message: "The decision to place for adoption was reversed before it was made", check: eachPlaced("DATE_PLACED_CEASED", func(_ *checker, p PlacedAdoptionRow) bool {
		return !p.DatePlacedCeased.IsZero() && p.DatePlacedCeased.Before(p.DatePlaced)
	})},
	{code: "184", message: "The decision that the child should be placed for adoption is before the child was born", check: eachPlaced("DATE_PLACED", func(c *checker, p PlacedAdoptionRow) bool {
		dob := c.dob(p.Child)
		return !dob.IsZero() && p.DatePlaced.Before(dob)
	})},

	// Social worker episodes (from 2023-24).
	{code: "SW01STG1", from: 2024, message: "The child is looked after on 31 March but has no social worker episode", check: rSW01},
	{code: "SW02STG1", from: 2024, message: "The social worker id does not begin with SW or XX", check: eachSW("SW_ID", func(_ *checker, s SWEpisodeRow) bool {
		return !strings.HasPrefix(s.SWID, "SW") && !strings.HasPrefix(s.SWID, "XX")
	})},
	{code: "SW04STG1", from: 2024, message: "The date the social worker episode began is missing or not a date", check: eachSW("SW_DECOM", func(_ *checker, s SWEpisodeRow) bool { return s.SWDECOM.IsZero() })},
	{code: "SW07STG2", from: 2024, message: "The social worker episode ended before the start or after the end of the collection year", check: eachSW("SW_DEC", func(c *checker, s SWEpisodeRow) bool {
		return !s.SWDEC.IsZero() && !c.y.In(s.SWDEC)
	})},
	{code: "SW13STG1", from: 2024, message: "The reason for the change of social worker is not a valid code", check: eachSW("SW_REASON", func(_ *checker, s SWEpisodeRow) bool { return s.SWReason != "" && !SWReasons.Has(s.SWReason) })},
	{code: "SW08STG2", from: 2024, message: "A new social worker episode began, but the previous one has no end date", check: rSW08},
	{code: "SW10STG2", from: 2024, message: "A social worker episode began before the previous one ended", check: rSW10},
	{code: "SW15STG2", from: 2025, message: "The reason for the change of social worker is missing", check: eachSW("SW_REASON", func(_ *checker, s SWEpisodeRow) bool { return s.SWReason == "" })},
	{code: "SW17STG2", from: 2026, message: "The child is looked after on 31 March but no social worker episode is open then", check: rSW17},

	// The file's integrity: each child in the Header once, every other
	// table's children in it, with the same date of birth and sex.
	{code: "INT01", message: "The child in AD1 is not in the Header", check: inHeader(TableAD1)},
	{code: "INT02", message: "The child in PlacedAdoption is not in the Header", check: inHeader(TablePlacedAdoption)},
	{code: "INT03", message: "The child in Episodes is not in the Header", check: inHeader(TableEpisodes)},
	{code: "INT04", message: "The child in Missing is not in the Header", check: inHeader(TableMissing)},
	{code: "INT05", message: "The child in OC2 is not in the Header", check: inHeader(TableOC2)},
	{code: "INT06", message: "The child in OC3 is not in the Header", check: inHeader(TableOC3)},
	{code: "INT07", message: "The child in PrevPerm is not in the Header", check: inHeader(TablePrevPerm)},
	{code: "INT08", message: "The child in Reviews is not in the Header", check: inHeader(TableReviews)},
	{code: "INT09", message: "The child in UASC is not in the Header", check: inHeader(TableUASC)},
	{code: "INT11", message: "The date of birth in AD1 differs from the Header's", check: sameDOB(TableAD1)},
	{code: "INT12", message: "The date of birth in PlacedAdoption differs from the Header's", check: sameDOB(TablePlacedAdoption)},
	{code: "INT13", message: "The date of birth in Missing differs from the Header's", check: sameDOB(TableMissing)},
	{code: "INT14", message: "The date of birth in OC2 differs from the Header's", check: sameDOB(TableOC2)},
	{code: "INT15", message: "The date of birth in OC3 differs from the Header's", check: sameDOB(TableOC3)},
	{code: "INT16", message: "The date of birth in PrevPerm differs from the Header's", check: sameDOB(TablePrevPerm)},
	{code: "INT17", message: "The date of birth in Reviews differs from the Header's", check: sameDOB(TableReviews)},
	{code: "INT18", message: "The date of birth in UASC differs from the Header's", check: sameDOB(TableUASC)},
	{code: "INT21", message: "The sex in UASC differs from the Header's", check: rINT21},
	{code: "INT31", message: "The child is in AD1 more than once", check: oncePerChild(TableAD1)},
	{code: "INT32", message: "The child is in the Header more than once", check: oncePerChild(TableHeader)},
	{code: "INT33", message: "The child is in OC2 more than once", check: oncePerChild(TableOC2)},
	{code: "INT34", message: "The child is in OC3 more than once", check: oncePerChild(TableOC3)},
	{code: "INT35", message: "The child is in PrevPerm more than once", check: oncePerChild(TablePrevPerm)},
	{code: "INT36", message: "The child is in UASC more than once", check: oncePerChild(TableUASC)},
}

// The Header.

func r101(c *checker, bad report) {
	for i, h := range c.r.Header {
		if !slices.Contains(sexCodes(c.y), h.Sex) {
			bad(TableHeader, i, "SEX")
		}
	}
}

func r102(c *checker, bad report) {
	for i, h := range c.r.Header {
		if h.DOB.IsZero() {
			bad(TableHeader, i, "DOB")
		}
	}
}

func r103(c *checker, bad report) {
	for i, h := range c.r.Header {
		if !people.EthnicityCodes.Has(h.Ethnic) {
			bad(TableHeader, i, "ETHNIC")
		}
	}
}

// r168: a UPN is 13 characters with its check letter, in capitals; or the
// reason there is none.
func r168(c *checker, bad report) {
	for i, h := range c.r.Header {
		known := people.ValidUPN(h.UPN) && h.UPN == strings.ToUpper(h.UPN)
		if !known && !slices.Contains([]string{"UN1", "UN2", "UN3", "UN4", "UN5"}, h.UPN) {
			bad(TableHeader, i, "UPN")
		}
	}
}

func r301(c *checker, bad report) {
	for i, h := range c.r.Header {
		if h.DOB.After(c.y.End()) {
			bad(TableHeader, i, "DOB")
		}
	}
}

func r351(c *checker, bad report) {
	for i, h := range c.r.Header {
		if !h.DOB.IsZero() && !care.Birthday(h.DOB, 25).After(c.y.Start()) {
			bad(TableHeader, i, "DOB")
		}
	}
}

// Episodes: how each child's episodes join.

func r302(c *checker, bad report) {
	c.children(func(child string, eps []int) {
		dob := c.dob(child)
		if first := c.ep(eps[0]); !dob.IsZero() && !first.DECOM.IsZero() && first.DECOM.Before(dob) {
			bad(TableEpisodes, eps[0], "DECOM")
		}
	})
}

func r501(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		for k := 1; k < len(eps); k++ {
			prev, e := c.ep(eps[k-1]), c.ep(eps[k])
			if !prev.DEC.IsZero() && e.DECOM.Before(prev.DEC) {
				bad(TableEpisodes, eps[k], "DECOM")
			}
		}
	})
}

func r142(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		for k := 0; k+1 < len(eps); k++ {
			if c.ep(eps[k]).DEC.IsZero() {
				bad(TableEpisodes, eps[k], "DEC")
			}
		}
	})
}

// startsOn reports whether one of the child's episodes begins on d.
func (c *checker) startsOn(eps []int, d civil.Date) bool {
	return slices.ContainsFunc(eps, func(i int) bool { return c.ep(i).DECOM == d })
}

// endsOn finds the child's episode that ceased on d.
func (c *checker) endsOn(eps []int, d civil.Date) (EpisodeRow, bool) {
	for _, i := range eps {
		if e := c.ep(i); !e.DEC.IsZero() && e.DEC == d {
			return e, true
		}
	}
	return EpisodeRow{}, false
}

// r388: an episode that ends X1 on or before 31 March is followed that day.
func r388(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		for _, i := range eps {
			if e := c.ep(i); e.REC == care.ReasonSameDay && !e.DEC.IsZero() && !c.startsOn(eps, e.DEC) {
				bad(TableEpisodes, i, "REC")
			}
		}
	})
}

// r433: an episode continuing the last (not S) starts the day one ceased;
// the first episode of the return, begun before the year, continues one in
// last year's return, which this one cannot see.
func r433(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		for k, i := range eps {
			e := c.ep(i)
			if e.RNE == care.ReasonStart || !care.ReasonsNew.Has(e.RNE) || (k == 0 && e.DECOM.Before(c.y.Start())) {
				continue
			}
			if _, ok := c.endsOn(eps, e.DECOM); !ok {
				bad(TableEpisodes, i, "RNE")
			}
		}
	})
}

func r431(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		for _, i := range eps {
			if e := c.ep(i); e.RNE == care.ReasonStart {
				if _, ok := c.endsOn(eps, e.DECOM); ok {
					bad(TableEpisodes, i, "RNE")
				}
			}
		}
	})
}

func r432(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		for k := 1; k < len(eps); k++ {
			prev, e := c.ep(eps[k-1]), c.ep(eps[k])
			if endsCare(prev.REC) && prev.DEC == e.DECOM && e.RNE != care.ReasonStart {
				bad(TableEpisodes, eps[k], "RNE")
			}
		}
	})
}

// r504: the category of need of each episode that continues a period is
// that of the period's first episode in the return.
func r504(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		need := ""
		for k, i := range eps {
			e := c.ep(i)
			if k == 0 || !continues(c.ep(eps[k-1]), e) {
				need = e.CIN
				continue
			}
			if e.CIN != need {
				bad(TableEpisodes, i, "CIN")
			}
		}
	})
}

// continues reports whether e carries on the period of care of prev.
func continues(prev, e EpisodeRow) bool {
	return prev.REC == care.ReasonSameDay && prev.DEC == e.DECOM && e.RNE != care.ReasonStart
}

// r225: an episode that ended with a move to another placement says why,
// unless either placement is temporary.
func r225(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		for k := 0; k+1 < len(eps); k++ {
			e, next := c.ep(eps[k]), c.ep(eps[k+1])
			if continues(e, next) && care.PlacementChanged(next.RNE) && !care.Temporary(e.Place) && !care.Temporary(next.Place) && e.ReasonPlaceChange == "" {
				bad(TableEpisodes, eps[k], "REASON_PLACE_CHANGE")
			}
		}
	})
}

func providerRule(provider string) func(c *checker, bad report) {
	return eachEpisode("PLACE_PROVIDER", func(_ *checker, e EpisodeRow) bool {
		return e.PlaceProvider == provider && care.ProviderMismatch(provider, e.Place) != ""
	})
}

// temporaryRule holds a temporary placement to its longest stay, an open
// one as it stood on 31 March.
func temporaryRule(place string) func(c *checker, bad report) {
	return eachEpisode("DEC", func(c *checker, e EpisodeRow) bool {
		end := e.DEC
		if end.IsZero() {
			end = c.y.End()
		}
		return e.Place == place && care.TemporaryTooLong(place, e.DECOM, end) != ""
	})
}

// ageRule reports the episodes where isBad holds of the child's age on the
// episode's date at.
func ageRule(column string, at func(EpisodeRow) civil.Date, isBad func(e EpisodeRow, age int) bool) func(c *checker, bad report) {
	return eachEpisode(column, func(c *checker, e EpisodeRow) bool {
		age, ok := ageOn(c.dob(e.Child), at(e))
		return ok && isBad(e, age)
	})
}

func placementAgeRule(places ...string) func(c *checker, bad report) {
	return eachEpisode("PLACE", func(c *checker, e EpisodeRow) bool {
		return slices.Contains(places, e.Place) && care.PlacementAgeRule(c.dob(e.Child), e.DECOM, e.Place) != ""
	})
}

// Reviews.

func r166(c *checker, bad report) {
	for i, v := range c.r.Reviews {
		if v.Review.IsZero() {
			bad(TableReviews, i, "REVIEW")
		}
	}
}

func r167(c *checker, bad report) {
	for i, v := range c.r.Reviews {
		if !care.Participation.Has(v.ReviewCode) {
			bad(TableReviews, i, "REVIEW_CODE")
		}
	}
}

// participationRule is 440 (only, "PN0": PN0 used at 4 or over) or 441
// (only "": another code under 4).
func participationRule(only string) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, v := range c.r.Reviews {
			age, ok := ageOn(v.DOB, v.Review)
			if !ok || (only == "PN0") != (v.ReviewCode == "PN0") {
				continue
			}
			if care.ParticipationAgeRule(age, v.ReviewCode) != "" {
				bad(TableReviews, i, "REVIEW_CODE")
			}
		}
	}
}

// Missing.

func eachMissing(column string, isBad func(c *checker, m MissingRow) bool) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, m := range c.r.Missing {
			if isBad(c, m) {
				bad(TableMissing, i, column)
			}
		}
	}
}

// missingByChild gives each child's missing periods in order of start.
func (c *checker) missingByChild() map[string][]int {
	out := map[string][]int{}
	for i, m := range c.r.Missing {
		out[m.Child] = append(out[m.Child], i)
	}
	for _, idx := range out {
		slices.SortStableFunc(idx, func(a, b int) int { return c.r.Missing[a].MisStart.Compare(c.r.Missing[b].MisStart) })
	}
	return out
}

func r574(c *checker, bad report) {
	for _, idx := range inOrder(c.missingByChild()) {
		for k := 1; k < len(idx); k++ {
			prev, m := c.r.Missing[idx[k-1]], c.r.Missing[idx[k]]
			if prev.MisEnd.IsZero() || m.MisStart.Before(prev.MisEnd) {
				bad(TableMissing, idx[k], "MIS_START")
			}
		}
	}
}

// r581: missing before the child's first episode in the return began.
func r581(c *checker, bad report) {
	for i, m := range c.r.Missing {
		eps := c.episodes[m.Child]
		if len(eps) == 0 || m.MisStart.IsZero() {
			continue
		}
		first := c.ep(eps[0])
		if first.DECOM.After(m.MisStart) {
			bad(TableMissing, i, "MIS_START")
		}
	}
}

// lastCeased is the day the child ceased to be looked after, when their
// last episode in the return ended care.
func (c *checker) lastCeased(child string) (civil.Date, bool) {
	eps := c.episodes[child]
	if len(eps) == 0 {
		return civil.Date{}, false
	}
	last := c.ep(eps[len(eps)-1])
	return last.DEC, !last.DEC.IsZero() && endsCare(last.REC)
}

func r578(c *checker, bad report) {
	for i, m := range c.r.Missing {
		if ceased, ok := c.lastCeased(m.Child); ok && m.MisStart.After(ceased) {
			bad(TableMissing, i, "MIS_START")
		}
	}
}

func r577(c *checker, bad report) {
	for i, m := range c.r.Missing {
		if _, ok := c.lastCeased(m.Child); ok && m.MisEnd.IsZero() {
			bad(TableMissing, i, "MIS_END")
		}
	}
}

// UASC.

func r304(c *checker, bad report) {
	for i, u := range c.r.UASC {
		if care.UASCEndRule(u.DOB, u.DUC) != "" {
			bad(TableUASC, i, "DUC")
		}
	}
}

// OC2.

func r180(c *checker, bad report) {
	for i, o := range c.r.OC2 {
		if o.SDQScore == "" {
			continue
		}
		if n, err := strconv.Atoi(o.SDQScore); err != nil || n < 0 || n > 40 {
			bad(TableOC2, i, "SDQ_SCORE")
		}
	}
}

func r196(c *checker, bad report) {
	for i, o := range c.r.OC2 {
		if o.SDQReason != "" && !care.SDQReasons.Has(o.SDQReason) {
			bad(TableOC2, i, "SDQ_REASON")
		}
	}
}

func r197a(c *checker, bad report) {
	for i, o := range c.r.OC2 {
		if o.SDQScore != "" && o.SDQReason != "" {
			bad(TableOC2, i, "SDQ_REASON")
		}
	}
}

// OC3.

func eachOC3(column string, isBad func(o OC3Row) bool) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, o := range c.r.OC3 {
			if isBad(o) {
				bad(TableOC3, i, column)
			}
		}
	}
}

// oc3Accommodation reports whether a code is one OC3 accepts (rule 133):
// care.Accommodations without S1 and X1, which the return's list leaves
// out (no fixed abode and custody are never suitable).
func oc3Accommodation(code string) bool {
	return care.Accommodations.Has(code) && code != "S1" && code != "X1"
}

func r391(c *checker, bad report) {
	for i, o := range c.r.OC3 {
		if o.DOB.IsZero() {
			continue
		}
		in := false
		for n := 17; n <= 21; n++ {
			in = in || c.y.In(care.Birthday(o.DOB, n))
		}
		if !in {
			bad(TableOC3, i, "DOB")
		}
	}
}

// AD1 and PlacedAdoption.

func eachAD1(column string, isBad func(a AD1Row) bool) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, a := range c.r.AD1 {
			if isBad(a) {
				bad(TableAD1, i, column)
			}
		}
	}
}

func eachPlaced(column string, isBad func(c *checker, p PlacedAdoptionRow) bool) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, p := range c.r.PlacedAdoption {
			if isBad(c, p) {
				bad(TablePlacedAdoption, i, column)
			}
		}
	}
}

// Social worker episodes.

func eachSW(column string, isBad func(c *checker, s SWEpisodeRow) bool) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, s := range c.r.SWEpisodes {
			if isBad(c, s) {
				bad(TableSWEpisodes, i, column)
			}
		}
	}
}

// rSW01: a child whose last episode is open at 31 March has a social
// worker episode.
func rSW01(c *checker, bad report) {
	has := map[string]bool{}
	for _, s := range c.r.SWEpisodes {
		has[s.Child] = true
	}
	c.children(func(child string, eps []int) {
		if last := eps[len(eps)-1]; c.ep(last).DEC.IsZero() && !has[child] {
			bad(TableEpisodes, last, "DEC")
		}
	})
}

// swByChild gives each child's social worker episodes in order of start.
func (c *checker) swByChild() map[string][]int {
	by := map[string][]int{}
	for i, s := range c.r.SWEpisodes {
		by[s.Child] = append(by[s.Child], i)
	}
	for _, idx := range by {
		slices.SortStableFunc(idx, func(a, b int) int { return c.r.SWEpisodes[a].SWDECOM.Compare(c.r.SWEpisodes[b].SWDECOM) })
	}
	return by
}

func rSW08(c *checker, bad report) {
	for _, idx := range inOrder(c.swByChild()) {
		for k := 1; k < len(idx); k++ {
			if c.r.SWEpisodes[idx[k-1]].SWDEC.IsZero() {
				bad(TableSWEpisodes, idx[k-1], "SW_DEC")
			}
		}
	}
}

func rSW10(c *checker, bad report) {
	for _, idx := range inOrder(c.swByChild()) {
		for k := 1; k < len(idx); k++ {
			prev, s := c.r.SWEpisodes[idx[k-1]], c.r.SWEpisodes[idx[k]]
			if !prev.SWDEC.IsZero() && s.SWDECOM.Before(prev.SWDEC) {
				bad(TableSWEpisodes, idx[k], "SW_DECOM")
			}
		}
	}
}

// rSW17: a child whose last episode is open at 31 March, with social
// worker episodes, has one of them open then (one with none is SW01STG1's).
func rSW17(c *checker, bad report) {
	by := c.swByChild()
	c.children(func(child string, eps []int) {
		sw := by[child]
		if c.ep(eps[len(eps)-1]).DEC.IsZero() && len(sw) > 0 &&
			!slices.ContainsFunc(sw, func(i int) bool { return c.r.SWEpisodes[i].SWDEC.IsZero() }) {
			bad(TableSWEpisodes, sw[len(sw)-1], "SW_DEC")
		}
	})
}

// The file's integrity.

func inHeader(t Table) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		s, _ := specOf(t)
		for i := range s.n(c.r) {
			if _, ok := c.header[*s.fields(c.r, i)[0].(*string)]; !ok {
				bad(t, i, "CHILD")
			}
		}
	}
}

// sameDOB: every table but the Header and Episodes has the DOB second,
// UASC third.
func sameDOB(t Table) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		s, _ := specOf(t)
		for i := range s.n(c.r) {
			f := s.fields(c.r, i)
			at := 1
			if t == TableUASC {
				at = 2 // after SEX
			}
			child, dob := *f[0].(*string), *f[at].(*civil.Date)
			if h, ok := c.header[child]; ok && c.r.Header[h].DOB != dob {
				bad(t, i, "DOB")
			}
		}
	}
}

func rINT21(c *checker, bad report) {
	for i, u := range c.r.UASC {
		if h, ok := c.header[u.Child]; ok && c.r.Header[h].Sex != u.Sex {
			bad(TableUASC, i, "SEX")
		}
	}
}

func oncePerChild(t Table) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		s, _ := specOf(t)
		seen := map[string]bool{}
		for i := range s.n(c.r) {
			child := *s.fields(c.r, i)[0].(*string)
			if seen[child] {
				bad(t, i, "CHILD")
			}
			seen[child] = true
		}
	}
}

// More episode rules.

// urnRule applies care.URNRule, whose reason names the rule it breaks.
func urnRule(code string) func(c *checker, bad report) {
	return eachEpisode("URN", func(_ *checker, e EpisodeRow) bool {
		return strings.Contains(care.URNRule(e.Place, e.URN, e.DECOM, e.DEC), "(rule "+code+")")
	})
}

func r392c(c *checker, bad report) {
	for i, e := range c.r.Episodes {
		switch {
		case e.HomePost != "" && !people.ValidPostcode(e.HomePost):
			bad(TableEpisodes, i, "HOME_POST")
		case e.PLPost != "" && !people.ValidPostcode(e.PLPost):
			bad(TableEpisodes, i, "PL_POST")
		}
	}
}

func r377(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		var starts []civil.Date
		for _, i := range eps {
			if e := c.ep(i); e.Place == "T3" && !e.DECOM.IsZero() {
				starts = append(starts, e.DECOM)
			}
		}
		for _, i := range eps {
			e := c.ep(i)
			if e.Place != "T3" || e.DECOM.IsZero() {
				continue
			}
			others := slices.Clone(starts)
			others = slices.Delete(others, slices.Index(others, e.DECOM), slices.Index(others, e.DECOM)+1)
			if care.TooManyHolidayMoves(e.DECOM, others) {
				bad(TableEpisodes, i, "PLACE")
			}
		}
	})
}

// legalStatusRule holds a run of episodes under one short-term legal
// status, joined X1 to the next, to its longest; a run still open, as it
// stood on 31 March. The finding is on the run's last episode.
func legalStatusRule(ls string) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		c.children(func(_ string, eps []int) {
			for k := 0; k < len(eps); k++ {
				first := c.ep(eps[k])
				if first.LS != ls {
					continue
				}
				last := k
				for last+1 < len(eps) && c.ep(eps[last+1]).LS == ls && continues(c.ep(eps[last]), c.ep(eps[last+1])) {
					last++
				}
				end := c.ep(eps[last]).DEC
				if end.IsZero() {
					end = c.y.End()
				}
				if care.LegalStatusTooLong(ls, first.DECOM, end) != "" {
					bad(TableEpisodes, eps[last], "DEC")
				}
				k = last
			}
		})
	}
}

func r437(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		for k := 0; k+1 < len(eps); k++ {
			if e := c.ep(eps[k]); e.REC == "E2" || e.REC == "E15" {
				bad(TableEpisodes, eps[k], "REC")
			}
		}
	})
}

// OC2.

func eachOC2(column string, isBad func(c *checker, o OC2Row) bool) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, o := range c.r.OC2 {
			if isBad(c, o) {
				bad(TableOC2, i, column)
			}
		}
	}
}

// Care leavers.

// r1012: every row outside the Header and OC3 is of a child with episodes
// in the year; the finding is on the row.
func r1012(c *checker, bad report) {
	oc3 := map[string]bool{}
	for _, o := range c.r.OC3 {
		oc3[o.Child] = true
	}
	for _, s := range specs {
		if s.table == TableHeader || s.table == TableEpisodes || s.table == TableOC3 {
			continue
		}
		for i := range s.n(c.r) {
			child := *s.fields(c.r, i)[0].(*string)
			if oc3[child] && len(c.episodes[child]) == 0 {
				bad(s.table, i, "CHILD")
			}
		}
	}
}

// r1007: the young person in OC3 was looked after on their 17th or 18th
// birthday in the year (an episode open that day, not ending on it).
func r1007(c *checker, bad report) {
	for i, o := range c.r.OC3 {
		if o.DOB.IsZero() {
			continue
		}
		for _, n := range []int{17, 18} {
			b := care.Birthday(o.DOB, n)
			if !c.y.In(b) {
				continue
			}
			if slices.ContainsFunc(c.episodes[o.Child], func(k int) bool {
				e := c.ep(k)
				return !e.DECOM.After(b) && (e.DEC.IsZero() || e.DEC.After(b))
			}) {
				bad(TableOC3, i, "IN_TOUCH")
			}
		}
	}
}

// Adoption.

// adoptedIn is the child's episode that ended with an adoption, if any.
func (c *checker) adoptedIn(child string) (int, bool) {
	for _, i := range c.episodes[child] {
		if e := c.ep(i); care.Adopted(e.REC) && !e.DEC.IsZero() {
			return i, true
		}
	}
	return 0, false
}

func r601(c *checker, bad report) {
	in := map[string]bool{}
	for _, a := range c.r.AD1 {
		in[a.Child] = true
	}
	c.children(func(child string, _ []int) {
		if i, ok := c.adoptedIn(child); ok && !in[child] {
			bad(TableEpisodes, i, "REC")
		}
	})
}

func r602(c *checker, bad report) {
	for i, a := range c.r.AD1 {
		if _, ok := c.adoptedIn(a.Child); !ok {
			bad(TableAD1, i, "CHILD")
		}
	}
}

// placedOn is the day the child was first placed for adoption in the
// return (the first A3 to A6 episode), if they were.
func (c *checker) placedOn(child string) (int, bool) {
	for _, i := range c.episodes[child] {
		if care.PlacedForAdoption(c.ep(i).Place) {
			return i, true
		}
	}
	return 0, false
}

func r551(c *checker, bad report) {
	decided := map[string]bool{}
	for _, p := range c.r.PlacedAdoption {
		decided[p.Child] = true
	}
	c.children(func(child string, _ []int) {
		if i, ok := c.placedOn(child); ok && !decided[child] {
			bad(TableEpisodes, i, "PLACE")
		}
	})
}

func r552(c *checker, bad report) {
	for i, p := range c.r.PlacedAdoption {
		if k, ok := c.placedOn(p.Child); ok && p.DatePlacedCeased.IsZero() && p.DatePlaced.After(c.ep(k).DECOM) {
			bad(TablePlacedAdoption, i, "DATE_PLACED")
		}
	}
}

func r558(c *checker, bad report) {
	for i, p := range c.r.PlacedAdoption {
		if _, ok := c.adoptedIn(p.Child); ok && !p.DatePlacedCeased.IsZero() {
			bad(TablePlacedAdoption, i, "DATE_PLACED_CEASED")
		}
	}
}

// r383: after a run of temporary placements within a period, the child
// returns to the placement type and postcode they left; a run with no
// episode after it in the return is not judged.
func r383(c *checker, bad report) {
	c.children(func(_ string, eps []int) {
		for k := 1; k < len(eps); k++ {
			if !care.Temporary(c.ep(eps[k]).Place) || care.Temporary(c.ep(eps[k-1]).Place) || !continues(c.ep(eps[k-1]), c.ep(eps[k])) {
				continue
			}
			last := k
			for last+1 < len(eps) && care.Temporary(c.ep(eps[last+1]).Place) && continues(c.ep(eps[last]), c.ep(eps[last+1])) {
				last++
			}
			if last+1 >= len(eps) || !continues(c.ep(eps[last]), c.ep(eps[last+1])) {
				continue
			}
			before, after := c.ep(eps[k-1]), c.ep(eps[last+1])
			if before.Place != after.Place || people.NormalisePostcode(before.PLPost) != people.NormalisePostcode(after.PLPost) {
				bad(TableEpisodes, eps[last+1], "PLACE")
			}
		}
	})
}

func r399(c *checker, bad report) {
	for i, v := range c.r.Reviews {
		eps := c.episodes[v.Child]
		if len(eps) > 0 && !slices.ContainsFunc(eps, func(k int) bool { return !care.ShortBreak(c.ep(k).LS) }) {
			bad(TableReviews, i, "REVIEW")
		}
	}
}

// r1003: judged where the return holds the start of the period of care,
// the child's first episode in it beginning with S.
func r1003(c *checker, bad report) {
	for i, p := range c.r.PlacedAdoption {
		eps := c.episodes[p.Child]
		if len(eps) == 0 || p.DatePlaced.IsZero() {
			continue
		}
		if first := c.ep(eps[0]); first.RNE == care.ReasonStart && p.DatePlaced.Before(first.DECOM) {
			bad(TablePlacedAdoption, i, "DATE_PLACED")
		}
	}
}

// r580: a missing period open on the day care ended (begun before it,
// ended after it or not at all).
func r580(c *checker, bad report) {
	for _, m := range c.r.Missing {
		ceased, ok := c.lastCeased(m.Child)
		if !ok || m.MisStart.IsZero() || !m.MisStart.Before(ceased) || (!m.MisEnd.IsZero() && !m.MisEnd.After(ceased)) {
			continue
		}
		eps := c.episodes[m.Child]
		if last := eps[len(eps)-1]; c.ep(last).REC != "E8" {
			bad(TableEpisodes, last, "REC")
		}
	}
}

// r557: judged on the child's last episode in the return.
func r557(c *checker, bad report) {
	for i, p := range c.r.PlacedAdoption {
		if _, ok := c.lastCeased(p.Child); !ok || !p.DatePlacedCeased.IsZero() {
			continue
		}
		if _, adopted := c.adoptedIn(p.Child); !adopted {
			bad(TablePlacedAdoption, i, "DATE_PLACED_CEASED")
		}
	}
}

func r117(c *checker, bad report) {
	for i, p := range c.r.PlacedAdoption {
		ceased, left := c.lastCeased(p.Child)
		for _, x := range []struct {
			d      civil.Date
			column string
		}{{p.DatePlaced, "DATE_PLACED"}, {p.DatePlacedCeased, "DATE_PLACED_CEASED"}} {
			if x.d.After(c.y.End()) || (left && x.d.After(ceased)) {
				bad(TablePlacedAdoption, i, x.column)
				break
			}
		}
	}
}

// placedByChild gives each child's decisions in order of date.
func (c *checker) placedByChild() map[string][]int {
	by := map[string][]int{}
	for i, p := range c.r.PlacedAdoption {
		by[p.Child] = append(by[p.Child], i)
	}
	for _, idx := range by {
		slices.SortStableFunc(idx, func(a, b int) int {
			return c.r.PlacedAdoption[a].DatePlaced.Compare(c.r.PlacedAdoption[b].DatePlaced)
		})
	}
	return by
}

func r579(c *checker, bad report) {
	for _, idx := range inOrder(c.placedByChild()) {
		for k := 1; k < len(idx); k++ {
			prev, p := c.r.PlacedAdoption[idx[k-1]], c.r.PlacedAdoption[idx[k]]
			if !prev.DatePlacedCeased.IsZero() && p.DatePlaced.Before(prev.DatePlacedCeased) {
				bad(TablePlacedAdoption, idx[k], "DATE_PLACED")
			}
		}
	}
}

func r583(c *checker, bad report) {
	for _, idx := range inOrder(c.placedByChild()) {
		for k := 1; k < len(idx); k++ {
			if c.r.PlacedAdoption[idx[k-1]].DatePlacedCeased.IsZero() {
				bad(TablePlacedAdoption, idx[k], "DATE_PLACED")
			}
		}
	}
}

// oc3AfterCare: the young person's last episode in the return ended care
// with rec, yet they are in OC3.
func oc3AfterCare(rec string) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, o := range c.r.OC3 {
			if eps := c.episodes[o.Child]; len(eps) > 0 && c.ep(eps[len(eps)-1]).REC == rec {
				bad(TableOC3, i, "IN_TOUCH")
			}
		}
	}
}

func r134(c *checker, bad report) {
	oc3 := map[string]bool{}
	for _, o := range c.r.OC3 {
		oc3[o.Child] = true
	}
	for i, a := range c.r.AD1 {
		if oc3[a.Child] {
			bad(TableAD1, i, "CHILD")
		}
	}
}

func r187(c *checker, bad report) {
	other := map[string]bool{}
	for _, o := range c.r.OC3 {
		other[o.Child] = true
	}
	for _, a := range c.r.AD1 {
		other[a.Child] = true
	}
	for i, o := range c.r.OC2 {
		if other[o.Child] {
			bad(TableOC2, i, "CHILD")
		}
	}
}

// inOrder gives a map's lists by child, in the children's order, so that
// findings come in the same order every time.
func inOrder(by map[string][]int) [][]int {
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([][]int, len(keys))
	for i, k := range keys {
		out[i] = by[k]
	}
	return out
}

// oc2Items are the 0 or 1 items of a child looked after for 12 months.
func oc2Items(o OC2Row) []string {
	return []string{o.Convicted, o.HealthCheck, o.Immunisations, o.TeethCheck, o.HealthAssessment, o.SubstanceMisuse, o.InterventionReceived, o.InterventionOffered}
}

// twelveMonths reports whether the child was looked after continuously for
// 12 months at 31 March, by the return's episodes: a run of episodes, each
// carrying on from the one before, from one begun by 1 April to one open
// on 31 March, not all of them short breaks (V3, V4).
func (c *checker) twelveMonths(child string) bool {
	eps := c.episodes[child]
	for k := 0; k < len(eps); k++ {
		first := c.ep(eps[k])
		if first.DECOM.IsZero() || first.DECOM.After(c.y.Start()) {
			continue
		}
		shortBreaks := care.ShortBreak(first.LS)
		last := k
		for last+1 < len(eps) && continues(c.ep(eps[last]), c.ep(eps[last+1])) {
			last++
			shortBreaks = shortBreaks && care.ShortBreak(c.ep(eps[last]).LS)
		}
		if end := c.ep(eps[last]).DEC; (end.IsZero() || end.After(c.y.End())) && !shortBreaks {
			return true
		}
		k = last
	}
	return false
}

// eachOC3At17 reports the OC3 rows, about a 17th birthday in the year, for
// which isBad holds.
func eachOC3At17(column string, isBad func(o OC3Row) bool) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, o := range c.r.OC3 {
			if !o.DOB.IsZero() && c.y.In(care.Birthday(o.DOB, 17)) && isBad(o) {
				bad(TableOC3, i, column)
			}
		}
	}
}
