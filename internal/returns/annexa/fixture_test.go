package annexa

import (
	"time"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// d parses a yyyy-mm-dd date for the tables; "" is the zero Date.
func d(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	v, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

// win is the tests' window: the six months to 31 March 2024, 1 October
// 2023 to 31 March 2024 (a leap year's February inside it).
var win = Months(d("2024-03-31"), 6)

var names = Names{
	Teams:   map[access.TeamID]string{1: "MASH", 2: "Safeguarding 1", 3: "Children in care", 4: "Leaving care"},
	Workers: map[access.UserID]string{10: "Ana Wood", 11: "Ben Hale", 12: "Cal Reid"},
}

// kid builds a child's records; ids are the child's id times 1000 on.
type kid struct {
	c    Child
	next journey.ID
}

func newKid(id people.ID, dob string) *kid {
	return &kid{c: Child{Person: people.Person{ID: id, DateOfBirth: d(dob), Sex: "2", Ethnicity: "WBRI"}}, next: journey.ID(id) * 1000}
}

func (k *kid) add(r journey.Record) journey.ID {
	k.next++
	r.ID, r.PersonID = k.next, k.c.Person.ID
	k.c.Records = append(k.c.Records, r)
	return r.ID
}

func rec(kind journey.Kind, start, end string) journey.Record {
	return journey.Record{Kind: kind, Start: d(start), End: d(end)}
}

func (k *kid) contact(on string) journey.ID {
	r := rec(journey.KindContact, on, on)
	r.Contact = &journey.Contact{ReceivedAt: civil.StartOfLondon(d(on)).Add(9 * time.Hour), Source: "2A", Decision: "referral"}
	return k.add(r)
}

func (k *kid) referral(start, end string, nfa bool, reason string) journey.ID {
	r := rec(journey.KindReferral, start, end)
	r.Referral = &journey.Referral{Source: "6", PrimaryNeed: "N1", NFA: nfa, ClosureReason: reason}
	r.TeamID, r.WorkerID = 1, 10
	return k.add(r)
}

func (k *kid) within(kind journey.Kind, episode, follows journey.ID, start, end string) journey.ID {
	r := rec(kind, start, end)
	r.Episode, r.Follows = episode, follows
	switch kind {
	case journey.KindAssessment:
		r.Assessment = &journey.Assessment{Factors: []string{"3A"}}
	case journey.KindStrategy:
		r.Strategy = &journey.Strategy{Outcome: "s47"}
	case journey.KindS47:
		r.S47 = &journey.S47{}
		if end != "" {
			r.S47.Outcome = "icpc"
		}
	case journey.KindICPC:
		r.ICPC = &journey.ICPC{Plan: true}
	case journey.KindCINPlan:
		r.Plan = &journey.Plan{}
	case journey.KindCPPlan:
		r.Plan = &journey.Plan{InitialCategory: "NEG", LatestCategory: "EMO"}
	case journey.KindCPReview:
		r.Review = &journey.Review{Continue: true}
	}
	return k.add(r)
}

func (k *kid) visit(on string, seen, alone bool) journey.ID {
	r := rec(journey.KindVisit, on, "")
	r.Visit = &journey.Visit{Seen: seen, SeenAlone: alone}
	return k.add(r)
}

func (k *kid) allocation(start, end string, team access.TeamID, worker access.UserID) journey.ID {
	r := rec(journey.KindAllocation, start, end)
	r.TeamID, r.WorkerID, r.Allocation = team, worker, &journey.Allocation{}
	return k.add(r)
}

// episode adds an episode of care.
func (k *kid) episode(start, end, legal, place, reasonNew, reasonCeased string) journey.ID {
	r := rec(journey.KindCareEpisode, start, end)
	r.CareEpisode = &care.Episode{LegalStatus: legal, Need: "N1", Placement: place, Provider: "PR1", Postcode: "WV1 1RG",
		ReasonNew: reasonNew, ReasonCeased: reasonCeased, Permanence: "long_term_fostering"}
	r.TeamID, r.WorkerID = 3, 12
	return k.add(r)
}

func (k *kid) missing(start, end string, away, offered, accepted bool) journey.ID {
	r := rec(journey.KindMissing, start, end)
	r.Missing = &care.Missing{Away: away, StartedAt: civil.StartOfLondon(d(start)), InterviewOffered: offered, InterviewAccepted: accepted}
	return k.add(r)
}

func (k *kid) on(kind journey.Kind, start string) journey.ID {
	r := rec(kind, start, "")
	switch kind {
	case journey.KindCareReview:
		r.CareReview = &care.Review{Participation: "PN1"}
	case journey.KindHealthAssessment:
		r.HealthAssessment = &care.HealthAssessment{}
	case journey.KindDentalCheck:
		r.DentalCheck = &care.DentalCheck{}
	}
	return k.add(r)
}

// build runs Build over the children.
func build(ks ...*kid) Lists {
	cs := make([]Child, len(ks))
	for i, k := range ks {
		cs[i] = k.c
	}
	return Build(win, cs, names)
}

func careLeaverContact(inTouch, activity, accommodation string) *care.LeaverContact {
	return &care.LeaverContact{InTouch: inTouch, Activity: activity, Accommodation: accommodation}
}

func adoptionDetail(order, matched, placed, adopted, reason string) *care.Adoption {
	return &care.Adoption{PlacementOrder: d(order), Matched: d(matched), Placed: d(placed), Order: d(adopted), ReasonCeased: reason}
}
