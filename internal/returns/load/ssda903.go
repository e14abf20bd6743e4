package load

import (
	"fmt"
	"strconv"
	"strings"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/returns/ssda903"
)

// add903 adds a 903 return's children and their rows. name names the
// return (its folder); each row's origin is its table's file in it, the
// header being row 1.
func (b *builder) add903(name string, r ssda903.Return) {
	y := r.Year
	row := func(t ssda903.Table, i int) Origin {
		return Origin{File: strings.TrimSuffix(name, "/") + "/" + t.File(), Where: fmt.Sprintf("row %d", i+2)}
	}
	for i, h := range r.Header {
		ch := b.child(h.Child, row(ssda903.TableHeader, i))
		headerPerson(ch, h)
	}
	// An episode by child and start, to pass a change of placement's
	// reason to the episode that followed.
	byStart := map[string]*journey.Record{}
	for i, e := range r.Episodes {
		o := row(ssda903.TableEpisodes, i)
		ch := b.child(e.Child, o)
		rec := b.record(ch, "care_episode "+dateKey(e.DECOM), journey.KindCareEpisode, o)
		rec.Start, rec.End = e.DECOM, e.DEC
		d := rec.CareEpisode
		if d == nil {
			d = &care.Episode{}
			rec.CareEpisode = d
		}
		d.LegalStatus, d.Need, d.Placement, d.Provider = e.LS, e.CIN, e.Place, e.PlaceProvider
		d.Postcode, d.URN, d.ReasonNew, d.ReasonCeased = e.PLPost, e.URN, e.RNE, e.REC
		byStart[ch.id+" "+dateKey(e.DECOM)] = rec
	}
	for _, e := range r.Episodes {
		// The 903 gives why a placement changed on the episode that ended;
		// Hearth keeps it on the episode the child moved into.
		if e.ReasonPlaceChange == "" || e.DEC.IsZero() {
			continue
		}
		if next, ok := byStart[b.child(e.Child, Origin{}).id+" "+dateKey(e.DEC)]; ok {
			next.CareEpisode.ReasonPlaceChange = e.ReasonPlaceChange
		}
	}
	for i, v := range r.Reviews {
		o := row(ssda903.TableReviews, i)
		rec := b.record(b.child(v.Child, o), "care_review "+dateKey(v.Review), journey.KindCareReview, o)
		rec.Start = v.Review
		rec.CareReview = &care.Review{Participation: v.ReviewCode}
	}
	for i, u := range r.UASC {
		o := row(ssda903.TableUASC, i)
		ch := b.child(u.Child, o)
		rec := b.record(ch, "uasc", journey.KindUASC, o)
		rec.End = u.DUC
		rec.UASC = &care.UASC{}
		// The 903 says a child is or was UASC, not since when: from the
		// first year a return says so (its start is set once all are in).
		if ch.uasc.IsZero() || y.Start().Before(ch.uasc) {
			ch.uasc = y.Start()
		}
	}
	for i, c := range r.OC2 {
		b.addOC2(b.child(c.Child, row(ssda903.TableOC2, i)), y, row(ssda903.TableOC2, i), c)
	}
	for i, c := range r.OC3 {
		o := row(ssda903.TableOC3, i)
		ch := b.child(c.Child, o)
		if c.InTouch == "" {
			continue // no contact recorded: the row is derived from care
		}
		day, ok := birthdayIn(y, c.DOB)
		if !ok {
			b.problem(Problem{File: o.File, Where: o.Where, Child: c.Child, Field: "DOB", Reason: "no 17th to 21st birthday of the young person falls in the year of the return"})
			continue
		}
		rec := b.record(ch, "leaver_contact "+dateKey(day), journey.KindLeaverContact, o)
		rec.Start = day
		rec.LeaverContact = &care.LeaverContact{InTouch: c.InTouch, Activity: c.Activ, Accommodation: c.Accom}
	}
	for i, p := range r.PlacedAdoption {
		o := row(ssda903.TablePlacedAdoption, i)
		rec := b.adoption(b.child(p.Child, o), p.DatePlaced, o)
		if !p.DatePlacedCeased.IsZero() {
			rec.End, rec.Adoption.ReasonCeased = p.DatePlacedCeased, p.ReasonPlacedCeased
		}
	}
	for i, a := range r.AD1 {
		o := row(ssda903.TableAD1, i)
		ch := b.child(a.Child, o)
		rec := b.adoption(ch, a.DateInt, o)
		d := rec.Adoption
		d.Matched, d.FosterCarers = a.DateMatch, a.FosterCare == "1"
		d.Adopters, _ = strconv.Atoi(a.NBAdoptr)
		d.AdoptersSex, d.AdoptersStatus = a.SexAdoptr, a.LSAdoptr
		// The order is the day care ended in adoption, and the placement
		// with the adopters the start of the placement for adoption it
		// ended in.
		for _, e := range r.Episodes {
			if strings.EqualFold(e.Child, a.Child) && care.Adopted(e.REC) && !e.DEC.IsZero() {
				d.Order, rec.End, d.ReasonCeased = e.DEC, e.DEC, ""
				d.Placed = placedForAdoption(r.Episodes, e)
			}
		}
	}
	// A child can go missing twice in a day: the nth of that day is
	// itself in every return that has it.
	nth := map[string]int{}
	for i, m := range r.Missing {
		o := row(ssda903.TableMissing, i)
		ch := b.child(m.Child, o)
		key := "missing " + dateKey(m.MisStart)
		nth[ch.id+key]++
		rec := b.record(ch, key+" "+strconv.Itoa(nth[ch.id+key]), journey.KindMissing, o)
		rec.Start, rec.End = m.MisStart, m.MisEnd
		// The 903 has days; Hearth keeps the moments, taken as the start
		// of each day.
		rec.Missing = &care.Missing{Away: m.Missing == "A", StartedAt: civil.StartOfLondon(m.MisStart)}
		if !m.MisEnd.IsZero() {
			rec.Missing.ReturnedAt = civil.StartOfLondon(m.MisEnd)
		}
	}
}

// headerPerson takes what the Header says of the child.
func headerPerson(ch *child, h ssda903.HeaderRow) {
	p := &ch.person
	switch h.Sex {
	case "1", "M":
		p.Sex = "1"
	case "2", "F":
		p.Sex = "2"
	case "U":
		p.Sex = "0" // U is 0 or 9; the census reads it as 0 too
	}
	if !h.DOB.IsZero() {
		p.DateOfBirth, p.ExpectedDateOfBirth = h.DOB, civil.Date{}
	}
	if h.Ethnic != "" {
		p.Ethnicity = h.Ethnic
	}
	if h.UPN != "" && !strings.HasPrefix(strings.ToUpper(h.UPN), "UN") {
		p.Identifiers.UPN = h.UPN
	}
}

// adoption is the child's plan for adoption decided on day.
func (b *builder) adoption(ch *child, day civil.Date, o Origin) *journey.Record {
	rec := b.record(ch, "adoption "+dateKey(day), journey.KindAdoption, o)
	rec.Start = day
	if rec.Adoption == nil {
		rec.Adoption = &care.Adoption{}
	}
	return rec
}

// placedForAdoption is the day the child was placed with their adopters:
// the start of the run of placements for adoption that the episode ending
// in adoption closes.
func placedForAdoption(eps []ssda903.EpisodeRow, last ssda903.EpisodeRow) civil.Date {
	placed := last.DECOM
	for {
		found := false
		for _, e := range eps {
			if strings.EqualFold(e.Child, last.Child) && e.DEC == placed && care.PlacedForAdoption(e.Place) && e.REC == care.ReasonSameDay {
				placed, found = e.DECOM, true
				break
			}
		}
		if !found {
			return placed
		}
	}
}

// addOC2 records what OC2 says happened in the year, on 31 March: the
// return says whether, not when.
func (b *builder) addOC2(ch *child, y ssda903.Year, o Origin, c ssda903.OC2Row) {
	end := y.End()
	key := " " + strconv.Itoa(int(y))
	if c.HealthAssessment == "1" {
		rec := b.record(ch, "health_assessment"+key, journey.KindHealthAssessment, o)
		rec.Start, rec.HealthAssessment = end, &care.HealthAssessment{}
	}
	if c.TeethCheck == "1" {
		rec := b.record(ch, "dental_check"+key, journey.KindDentalCheck, o)
		rec.Start, rec.DentalCheck = end, &care.DentalCheck{}
	}
	if c.Immunisations != "" {
		rec := b.record(ch, "immunisations"+key, journey.KindImmunisations, o)
		rec.Start, rec.Immunisations = end, &care.Immunisations{UpToDate: c.Immunisations == "1"}
	}
	if c.SDQScore != "" || c.SDQReason != "" {
		rec := b.record(ch, "sdq"+key, journey.KindSDQ, o)
		// A young person who turned 17 in the year and was scored was
		// scored at 16 (rules 188, 189): on the eve of the birthday at the
		// latest.
		day := end
		if c.SDQScore != "" && !c.DOB.IsZero() && c.DOB.AgeOn(end) >= 17 {
			day = care.Birthday(c.DOB, 17).AddDays(-1)
		}
		rec.Start, rec.SDQ = day, &care.SDQ{Reason: c.SDQReason}
		if c.SDQScore != "" {
			n, err := strconv.Atoi(c.SDQScore)
			if err != nil {
				b.problem(Problem{File: o.File, Where: o.Where, Child: c.Child, Field: "SDQ_SCORE", Reason: "the score is not a whole number"})
			}
			rec.SDQ.Score, rec.SDQ.Reason = &n, ""
		}
	}
}

// birthdayIn is the young person's 17th to 21st birthday that falls in the
// year, as OC3 reports them.
func birthdayIn(y ssda903.Year, dob civil.Date) (civil.Date, bool) {
	if dob.IsZero() {
		return civil.Date{}, false
	}
	for n := 17; n <= 21; n++ {
		if b := care.Birthday(dob, n); y.In(b) {
			return b, true
		}
	}
	return civil.Date{}, false
}

// finishUASC starts each child's UASC status on the first day of the first
// year a return reported it, or, if later, the day they came into care
// then: the 903 holds no start, and a child is UASC while looked after.
func (b *builder) finishUASC() {
	for _, c := range b.children {
		r, ok := c.records["uasc"]
		if !ok {
			continue
		}
		start := c.uasc
		first := civil.Date{}
		for _, k := range c.order {
			e := c.records[k]
			if e.Kind == journey.KindCareEpisode && (e.End.IsZero() || !e.End.Before(start)) && (first.IsZero() || e.Start.Before(first)) {
				first = e.Start
			}
		}
		if first.After(start) {
			start = first
		}
		r.Start = start
	}
}
