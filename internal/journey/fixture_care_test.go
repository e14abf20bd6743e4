package journey

import "hearth/internal/care"

// Fixtures for the care kinds, valid on their own as the others are.

// episode is an episode of care: accommodated under section 20 (V2) in
// foster care with the council's own carers (U6, PR1, the Ofsted URN of
// the council's fostering service), with the reason given; with an end it
// ends with reasonCeased.
func episode(id ID, start, end, reasonNew, reasonCeased string) Record {
	r := base(id, KindCareEpisode, 0, 0, start, end)
	r.CareEpisode = &care.Episode{LegalStatus: "V2", Need: "N1", Placement: "U6", Provider: "PR1", URN: fosteringURN, ReasonNew: reasonNew}
	if end != "" {
		r.CareEpisode.ReasonCeased = reasonCeased
	}
	return r
}

// fosteringURN is the Ofsted URN of the council's fostering service.
const fosteringURN = "SC012345"

// withEpisode returns the episode of care r changed by fn, with a copy of
// its detail, leaving the fixture alone.
func withEpisode(r Record, fn func(r *Record, e *care.Episode)) Record {
	e := *r.CareEpisode
	fn(&r, &e)
	r.CareEpisode = &e
	return r
}

// moved is ep with its placement moved to other carers (household h).
func moved(ep Record, h care.HouseholdID) Record {
	e := *ep.CareEpisode
	e.Household = h
	ep.CareEpisode = &e
	return ep
}

// legal is ep with legal status ls.
func legal(ep Record, ls string) Record {
	e := *ep.CareEpisode
	e.LegalStatus = ls
	ep.CareEpisode = &e
	return ep
}

func careReview(id ID, start string) Record {
	r := base(id, KindCareReview, 0, 0, start, "")
	r.CareReview = &care.Review{Participation: "PN1"}
	return r
}

func healthAssessment(id ID, start string, initial bool) Record {
	r := base(id, KindHealthAssessment, 0, 0, start, "")
	r.HealthAssessment = &care.HealthAssessment{Initial: initial}
	return r
}

func dental(id ID, start string) Record {
	r := base(id, KindDentalCheck, 0, 0, start, "")
	r.DentalCheck = &care.DentalCheck{}
	return r
}

func sdq(id ID, start string, score int) Record {
	r := base(id, KindSDQ, 0, 0, start, "")
	r.SDQ = &care.SDQ{Score: &score}
	return r
}

func pep(id ID, start string) Record {
	r := base(id, KindPEP, 0, 0, start, "")
	r.PEP = &care.PEP{}
	return r
}

func adoption(id ID, start string) Record {
	r := base(id, KindAdoption, 0, 0, start, "")
	r.Adoption = &care.Adoption{}
	return r
}

// adopters gives a plan for adoption ended by an order the adopters the
// return asks about (rule 601): a married couple, a man and a woman.
func adopters(a *care.Adoption) {
	a.Adopters, a.AdoptersSex, a.AdoptersStatus = 2, "MF", "L11"
}

func leavingCare(id ID, start, end string) Record {
	r := base(id, KindLeavingCare, 0, 0, start, end)
	r.LeavingCare = &care.LeavingCare{Adviser: "Jo Bright"}
	return r
}

func pathwayPlan(id ID, start string) Record {
	r := base(id, KindPathwayPlan, 0, 0, start, "")
	r.PathwayPlan = &care.PathwayPlan{WithYoungPerson: true}
	return r
}

func leaverContact(id ID, start string) Record {
	r := base(id, KindLeaverContact, 0, 0, start, "")
	r.LeaverContact = &care.LeaverContact{InTouch: "YES", Activity: "F2", Accommodation: "D1"}
	return r
}

// missing went missing at 22:00 on start and, with an end, returned at
// 09:00 that day.
func missing(id ID, start, end string) Record {
	r := base(id, KindMissing, 0, 0, start, end)
	s := day(start)
	r.Missing = &care.Missing{StartedAt: london(s.Year, s.Month, s.Day, 22, 0), ReportedToPolice: true}
	if end != "" {
		e := day(end)
		r.Missing.ReturnedAt = london(e.Year, e.Month, e.Day, 9, 0)
	}
	return r
}

func screening(id ID, start string) Record {
	r := base(id, KindScreening, 0, 0, start, "")
	r.Screening = &care.Screening{Sexual: "low", Criminal: "medium", CountyLines: "none", Trafficking: "none"}
	return r
}

func mace(id ID, start string) Record {
	r := base(id, KindMACE, 0, 0, start, "")
	r.MACE = &care.MACE{Summary: "Disruption plan agreed."}
	return r
}

// others are the kinds with an empty detail, each valid as it is.
func careOthers(id ID, start string) []Record {
	mk := func(k Kind, set func(*Record)) Record { r := base(id, k, 0, 0, start, ""); set(&r); return r }
	return []Record{
		mk(KindImmunisations, func(r *Record) { r.Immunisations = &care.Immunisations{UpToDate: true} }),
		mk(KindUASC, func(r *Record) { r.UASC = &care.UASC{} }),
		mk(KindSGO, func(r *Record) { r.SGO = &care.SGO{RelativeOrFriend: true} }),
	}
}
