package ssda903

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/calendar"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Build makes the year's return for the council la from the children's
// records. A child is in it when looked after on some day of the year (an
// episode of care open in it) or a care leaver around their 17th to 21st
// birthday in it (OC3); others are left out. Build never fails: what the
// records hold is reported as it is, and judging it is Validate's work.
//
// Columns whose data Hearth does not hold are left blank (docs/DATA-MODEL.md
// lists them): the Header's MOTHER and MC_DOB; OC2's CONVICTED,
// HEALTH_CHECK, SUBSTANCE_MISUSE and the two INTERVENTION columns; every
// PrevPerm row (the permanence a child had before care); SWEpisodes'
// SW_ID (the worker's Social Work England number); DoLo's rows.
func Build(y Year, la string, children []Child) Return {
	r, _ := BuildWithSources(y, la, children)
	return r
}

// Source is where a row of a built return came from: the child's person
// record, and the journey record the row reports (an episode of care, a
// review, a missing episode, the plan for adoption, the leaver's contact,
// the allocation, the UASC status), or 0 for a row drawn from several
// (the Header, OC2) or from none (an OC3 row with no contact).
type Source struct {
	Person people.ID
	Record journey.ID
}

// Sources are the sources of each table's rows of a built return, in row
// order, so that a finding can lead to the record to put right.
type Sources map[Table][]Source

// Of is the source of the row a finding is about, if it has one.
func (s Sources) Of(f Finding) (Source, bool) {
	rows := s[f.Table]
	if i := f.Row - 2; i >= 0 && i < len(rows) {
		return rows[i], true
	}
	return Source{}, false
}

// BuildWithSources is Build, with where each row came from.
func BuildWithSources(y Year, la string, children []Child) (Return, Sources) {
	b := builder{r: Return{Year: y, LA: la}, src: Sources{}}
	sorted := slices.Clone(children)
	slices.SortStableFunc(sorted, func(a, b Child) int {
		return cmp.Or(cmp.Compare(childID(a), childID(b)), a.Person.DateOfBirth.Compare(b.Person.DateOfBirth))
	})
	for _, ch := range sorted {
		b.child(ch)
	}
	return b.r, b.src
}

// builder makes a return and notes the source of each row as it is added.
type builder struct {
	r   Return
	src Sources
}

func (b *builder) from(t Table, person people.ID, record journey.ID) {
	b.src[t] = append(b.src[t], Source{Person: person, Record: record})
}

// childID is the child's CHILD: the council's own child id, or Hearth's
// person id, which is letters and digits and never reused.
func childID(ch Child) string {
	if id := ch.Person.Identifiers.LAChildID; id != "" {
		return id
	}
	return strconv.FormatInt(int64(ch.Person.ID), 10)
}

// sex is the person's sex as the year's return codes it. Hearth holds the
// CIN census's 1, 2, 9 and 0; the 903 has 1 and 2 to 2023-24, and M, F and
// U from 2024-25. A code the year has no place for is sent as held, for
// rule 101 to find.
func sex(y Year, s string) string {
	if !y.sexMF() {
		return s
	}
	switch s {
	case "1":
		return "M"
	case "2":
		return "F"
	case "9", "0", "":
		return "U"
	}
	return s
}

func flagOf(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// endIn is an end date as it stood on 31 March: one after it had not
// happened, so the thing was still open then.
func endIn(y Year, end civil.Date) civil.Date {
	if end.After(y.End()) {
		return civil.Date{}
	}
	return end
}

// openIn reports whether something from start to end (zero: still open)
// was open on some day of the year.
func openIn(y Year, start, end civil.Date) bool {
	return !start.IsZero() && !start.After(y.End()) && (end.IsZero() || !end.Before(y.Start()))
}

// byKind gives the child's records of a kind that has holds, in date
// order (then id, so that the order never depends on the input's), as
// pointers into rs: a child's history is read several times over, and
// copying records would be most of Build's allocations.
func byKind(rs []journey.Record, k journey.Kind, has func(*journey.Record) bool) []*journey.Record {
	var out []*journey.Record
	for i := range rs {
		if r := &rs[i]; r.Kind == k && has(r) {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *journey.Record) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
	return out
}

func (b *builder) child(ch Child) {
	r := &b.r
	y := r.Year
	p := ch.Person
	id := childID(ch)
	dob := p.DateOfBirth
	recs := ch.Records
	eps := byKind(recs, journey.KindCareEpisode, func(x *journey.Record) bool { return x.CareEpisode != nil })
	periods := journey.CarePeriods(recs)

	var episodes []EpisodeRow
	var sources []journey.ID
	for i, e := range eps {
		if !openIn(y, e.Start, e.End) {
			continue
		}
		d := e.CareEpisode
		// The home is where the child lived when this period of care
		// began: an address recorded later (a child placed with their
		// adopters takes theirs) is not the home they came into care from.
		began := e.Start
		if p, ok := care.PeriodOn(periods, e.Start); ok {
			began = p.Start
		}
		row := EpisodeRow{
			Child: id, DECOM: e.Start, RNE: d.ReasonNew, LS: d.LegalStatus, CIN: d.Need, Place: d.Placement,
			PlaceProvider: d.Provider, DEC: endIn(y, e.End), HomePost: homePost(ch, began),
			PLPost: postcode(d.Postcode), URN: d.URN,
		}
		if !row.DEC.IsZero() {
			row.REC = d.ReasonCeased
			// Hearth records why a placement changed on the episode the
			// child moved into; the 903 asks for it on the episode that
			// ended (rules 225 and 233).
			if i+1 < len(eps) {
				next := eps[i+1]
				if d.ReasonCeased == care.ReasonSameDay && next.Start == e.End && care.PlacementChanged(next.CareEpisode.ReasonNew) {
					row.ReasonPlaceChange = next.CareEpisode.ReasonPlaceChange
				}
			}
		}
		episodes = append(episodes, row)
		sources = append(sources, e.ID)
	}

	oc3, contact, inOC3 := buildOC3(y, id, dob, recs, periods)
	if len(episodes) == 0 && !inOC3 {
		return
	}
	r.Header = append(r.Header, HeaderRow{
		Child: id, Sex: sex(y, p.Sex), DOB: dob, Ethnic: p.Ethnicity, UPN: cmp.Or(people.NormaliseUPN(p.Identifiers.UPN), ch.UPNUnknown),
	})
	b.from(TableHeader, p.ID, 0)
	if inOC3 {
		r.OC3 = append(r.OC3, oc3)
		b.from(TableOC3, p.ID, contact)
	}
	if len(episodes) == 0 {
		// A care leaver not looked after in the year has only the Header
		// and OC3 (rule 1012).
		return
	}
	r.Episodes = append(r.Episodes, episodes...)
	for _, e := range sources {
		b.from(TableEpisodes, p.ID, e)
	}

	for _, v := range byKind(recs, journey.KindCareReview, func(x *journey.Record) bool { return x.CareReview != nil }) {
		if y.In(v.Start) {
			r.Reviews = append(r.Reviews, ReviewRow{Child: id, DOB: dob, Review: v.Start, ReviewCode: v.CareReview.Participation})
			b.from(TableReviews, p.ID, v.ID)
		}
	}

	// UASC: the child's latest status that began by 31 March, ceased or
	// not: the return follows a formerly UASC child too (rules 205A to
	// 205D, 406).
	if us := byKind(recs, journey.KindUASC, func(*journey.Record) bool { return true }); len(us) > 0 {
		var last *journey.Record
		for _, u := range us {
			if !u.Start.After(y.End()) {
				last = u
			}
		}
		if last != nil {
			r.UASC = append(r.UASC, UASCRow{Child: id, Sex: sex(y, p.Sex), DOB: dob, DUC: endIn(y, last.End)})
			b.from(TableUASC, p.ID, last.ID)
		}
	}

	if row, ok := buildOC2(y, id, dob, recs, periods); ok {
		r.OC2 = append(r.OC2, row)
		b.from(TableOC2, p.ID, 0)
	}

	adoptions := byKind(recs, journey.KindAdoption, func(x *journey.Record) bool { return x.Adoption != nil })
	for _, e := range episodes {
		if !care.Adopted(e.REC) || e.DEC.IsZero() {
			continue
		}
		// The plan whose order was made the day care ended; or else the
		// latest decided by then.
		var plan *journey.Record
		for _, a := range adoptions {
			if !a.Start.After(e.DEC) {
				plan = a
			}
		}
		for _, a := range adoptions {
			if a.Adoption.Order == e.DEC {
				plan = a
			}
		}
		if plan == nil {
			continue // rule 601 finds the adoption with no AD1
		}
		a := plan.Adoption
		nb := ""
		if a.Adopters > 0 {
			nb = strconv.Itoa(a.Adopters)
		}
		r.AD1 = append(r.AD1, AD1Row{Child: id, DOB: dob, DateInt: plan.Start, DateMatch: a.Matched, FosterCare: flagOf(a.FosterCarers),
			NBAdoptr: nb, SexAdoptr: a.AdoptersSex, LSAdoptr: a.AdoptersStatus})
		b.from(TableAD1, p.ID, plan.ID)
		break
	}
	for _, a := range adoptions {
		// A decision in force on some day of the year: made by 31 March,
		// and not reversed (nor the child adopted) before 1 April (rules
		// 117, 118).
		if a.Start.After(y.End()) || (!a.End.IsZero() && a.End.Before(y.Start())) {
			continue
		}
		row := PlacedAdoptionRow{Child: id, DOB: dob, DatePlaced: a.Start}
		if a.Adoption.ReasonCeased != "" && !a.End.IsZero() && !a.End.After(y.End()) {
			row.DatePlacedCeased, row.ReasonPlacedCeased = a.End, a.Adoption.ReasonCeased
		}
		r.PlacedAdoption = append(r.PlacedAdoption, row)
		b.from(TablePlacedAdoption, p.ID, a.ID)
	}

	for _, m := range byKind(recs, journey.KindMissing, func(x *journey.Record) bool { return x.Missing != nil }) {
		// Missing from care: begun while looked after (rules 578, 581),
		// and open on some day of the year (570, 571).
		if _, ok := care.PeriodOn(periods, m.Start); !ok || !openIn(y, m.Start, m.End) {
			continue
		}
		kind := "M"
		if m.Missing.Away {
			kind = "A"
		}
		r.Missing = append(r.Missing, MissingRow{Child: id, DOB: dob, Missing: kind, MisStart: m.Start, MisEnd: endIn(y, m.End)})
		b.from(TableMissing, p.ID, m.ID)
	}

	// Social worker episodes (from 2023-24), for a child looked after on
	// 31 March: every allocation to a worker open in the year, in or out
	// of care (rules SW01STG1, SW12STG2).
	if y >= 2024 {
		if _, ok := care.PeriodOn(periods, y.End()); ok {
			for _, a := range byKind(recs, journey.KindAllocation, func(x *journey.Record) bool { return x.WorkerID != 0 }) {
				if !openIn(y, a.Start, a.End) {
					continue
				}
				reason := ""
				if a.Allocation != nil && SWReasons.Has(strings.ToUpper(strings.TrimSpace(a.Allocation.Reason))) {
					reason = strings.ToUpper(strings.TrimSpace(a.Allocation.Reason))
				}
				r.SWEpisodes = append(r.SWEpisodes, SWEpisodeRow{Child: id, DOB: dob, SWDECOM: a.Start, SWDEC: endIn(y, a.End), SWReason: reason})
				b.from(TableSWEpisodes, p.ID, a.ID)
			}
		}
	}
}

// homePost is the postcode of the child's home on the day on (HOME_POST):
// the person's address in force that day, the latest begun if several;
// with none, their current address. The person record keeps the home
// address of a looked-after child; the placement's is on the episode.
func homePost(ch Child, on civil.Date) string {
	var best, current string
	var bestFrom civil.Date
	found := false
	for _, a := range ch.Person.Addresses {
		if a.EndDate.IsZero() && current == "" {
			current = a.Postcode
		}
		if a.StartDate.After(on) || (!a.EndDate.IsZero() && a.EndDate.Before(on)) {
			continue
		}
		if !found || a.StartDate.After(bestFrom) {
			best, bestFrom, found = a.Postcode, a.StartDate, true
		}
	}
	if !found {
		best = current
	}
	return postcode(best)
}

// postcode writes a UK postcode as the return does, in capitals with one
// space before the inward code ("ab12bd" is "AB1 2BD"); anything else as
// recorded, in capitals, for rule 392c to find.
func postcode(s string) string {
	if people.ValidPostcode(s) {
		return people.NormalisePostcode(s)
	}
	return strings.ToUpper(strings.TrimSpace(s))
}

// buildOC2 is the child's OC2 row if they were looked after continuously
// for 12 months at 31 March: in one period of care, not of short breaks
// alone, from 1 April to 31 March.
func buildOC2(y Year, id string, dob civil.Date, recs []journey.Record, periods []care.Period) (OC2Row, bool) {
	p, ok := care.PeriodOn(periods, y.End())
	if !ok || p.ShortBreaks || p.Start.After(y.Start()) {
		return OC2Row{}, false
	}
	row := OC2Row{Child: id, DOB: dob}
	inYear := func(k journey.Kind) bool {
		return slices.ContainsFunc(recs, func(x journey.Record) bool { return x.Kind == k && y.In(x.Start) })
	}
	row.HealthAssessment = flagOf(inYear(journey.KindHealthAssessment))
	row.TeethCheck = flagOf(inYear(journey.KindDentalCheck))
	// Immunisations up to date at 31 March: as last checked by then; never
	// checked is not known to be up to date.
	imm := byKind(recs, journey.KindImmunisations, func(x *journey.Record) bool { return x.Immunisations != nil && !x.Start.After(y.End()) })
	row.Immunisations = "0"
	if len(imm) > 0 && imm[len(imm)-1].Immunisations.UpToDate {
		row.Immunisations = "1"
	}
	// The SDQ is for a child 4 or over at 31 March and under 17 at 1 April
	// (rules 188, 189): their latest in the year.
	if !dob.IsZero() && dob.AgeOn(y.End()) >= 4 && dob.AgeOn(y.Start()) < 17 {
		for _, s := range byKind(recs, journey.KindSDQ, func(x *journey.Record) bool { return x.SDQ != nil && y.In(x.Start) }) {
			row.SDQScore, row.SDQReason = "", s.SDQ.Reason
			if s.SDQ.Score != nil {
				row.SDQScore, row.SDQReason = strconv.Itoa(*s.SDQ.Score), ""
			}
		}
	}
	return row, true
}

// buildOC3 is the young person's OC3 row if their 17th to 21st birthday
// falls in the year and they were a care leaver on it (relevant or former
// relevant: looked after for 13 weeks from 14, some of it from 16), not
// looked after on it (rules 1007, 1016). The contact recorded in the month
// either side of the birthday gives the columns (the latest, whose id is
// returned); with none they are blank, for the rules to find.
func buildOC3(y Year, id string, dob civil.Date, recs []journey.Record, periods []care.Period) (OC3Row, journey.ID, bool) {
	if dob.IsZero() {
		return OC3Row{}, 0, false
	}
	for n := 17; n <= 21; n++ {
		b := care.Birthday(dob, n)
		if !y.In(b) {
			continue
		}
		switch care.LeaverStatus(dob, periods, b) {
		case care.Relevant, care.FormerRelevant:
		default:
			return OC3Row{}, 0, false
		}
		row := OC3Row{Child: id, DOB: dob}
		var contact journey.ID
		from, to := calendar.AddMonths(b, -1), calendar.AddMonths(b, 1)
		for _, c := range byKind(recs, journey.KindLeaverContact, func(x *journey.Record) bool { return x.LeaverContact != nil }) {
			if !c.Start.Before(from) && !c.Start.After(to) {
				row.InTouch, row.Activ, row.Accom = c.LeaverContact.InTouch, c.LeaverContact.Activity, c.LeaverContact.Accommodation
				contact = c.ID
			}
		}
		return row, contact, true
	}
	return OC3Row{}, 0, false
}
