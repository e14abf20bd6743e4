package indicators

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// date reads "YYYY-MM-DD"; "" is the zero Date.
func date(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// moment reads "YYYY-MM-DD HH:MM" in London; "" is the zero time.
func moment(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", s, civil.London)
	if err != nil {
		panic(err)
	}
	return t
}

// cb builds one child's journey. Record ids are the child's id times 1000
// and up, so they never clash between children.
type cb struct {
	c    Child
	next journey.ID
}

func kid(id people.ID, dob string) *cb {
	return &cb{c: Child{ID: id, DateOfBirth: date(dob)}, next: journey.ID(id) * 1000}
}

func (b *cb) add(r journey.Record) journey.ID {
	b.next++
	r.ID, r.PersonID = b.next, b.c.ID
	b.c.Records = append(b.c.Records, r)
	return r.ID
}

func rec(k journey.Kind, start, end string) journey.Record {
	return journey.Record{Kind: k, Start: date(start), End: date(end)}
}

// contact received at received (London), decided at decided ("" not yet).
func (b *cb) contact(received, decided string) journey.ID {
	r := rec(journey.KindContact, moment(received).Format("2006-01-02"), "")
	r.Contact = &journey.Contact{ReceivedAt: moment(received), Source: "6"}
	if decided != "" {
		r.End = civil.OfLondon(moment(decided))
		r.Contact.DecidedAt, r.Contact.Decision = moment(decided), "referral"
	}
	return b.add(r)
}

func (b *cb) referral(start, end string, nfa bool) journey.ID {
	r := rec(journey.KindReferral, start, end)
	r.Referral = &journey.Referral{Source: "6", PrimaryNeed: "N1", NFA: nfa}
	if end != "" {
		r.Referral.ClosureReason = "RC7"
	}
	return b.add(r)
}

func (b *cb) earlyHelp(start, end, closure string) journey.ID {
	r := rec(journey.KindEarlyHelp, start, end)
	r.EarlyHelp = &journey.EarlyHelp{Closure: closure}
	return b.add(r)
}

func (b *cb) assessment(ref journey.ID, start, end string) journey.ID {
	r := rec(journey.KindAssessment, start, end)
	r.Episode, r.Assessment = ref, &journey.Assessment{}
	return b.add(r)
}

func (b *cb) strategy(ref journey.ID, day string) journey.ID {
	r := rec(journey.KindStrategy, day, "")
	r.Episode, r.Strategy = ref, &journey.Strategy{Outcome: "s47"}
	return b.add(r)
}

func (b *cb) s47(ref, strategy journey.ID, start, end, outcome string) journey.ID {
	r := rec(journey.KindS47, start, end)
	r.Episode, r.Follows, r.S47 = ref, strategy, &journey.S47{Outcome: outcome}
	return b.add(r)
}

func (b *cb) icpc(ref, s47 journey.ID, day string, transferIn bool) journey.ID {
	r := rec(journey.KindICPC, day, "")
	r.Episode, r.Follows, r.ICPC = ref, s47, &journey.ICPC{Plan: true, TransferIn: transferIn}
	return b.add(r)
}

func (b *cb) plan(k journey.Kind, ref journey.ID, start, end string) journey.ID {
	r := rec(k, start, end)
	r.Episode, r.Plan = ref, &journey.Plan{}
	if k == journey.KindCPPlan {
		r.Plan.InitialCategory, r.Plan.LatestCategory = "NEG", "NEG"
	}
	return b.add(r)
}

func (b *cb) cpReview(plan journey.ID, day string) journey.ID {
	r := rec(journey.KindCPReview, day, "")
	r.Follows, r.Review = plan, &journey.Review{Continue: true}
	return b.add(r)
}

func (b *cb) visit(day string, seen bool) journey.ID {
	r := rec(journey.KindVisit, day, "")
	r.Visit = &journey.Visit{Seen: seen}
	return b.add(r)
}

func (b *cb) allocation(start, end string, worker access.UserID) journey.ID {
	r := rec(journey.KindAllocation, start, end)
	r.TeamID, r.WorkerID, r.Allocation = 1, worker, &journey.Allocation{}
	return b.add(r)
}

// ep is an episode of care: legal status, placement and reasons; the
// provider follows the placement unless given.
type ep struct {
	start, end, ls, place, rne, rec, provider string
	household                                 care.HouseholdID
	stable                                    bool
}

func (b *cb) episode(e ep) journey.ID {
	r := rec(journey.KindCareEpisode, e.start, e.end)
	if e.ls == "" {
		e.ls = "C2"
	}
	if e.provider == "" {
		e.provider = "PR1"
		if e.place == "P1" {
			e.provider = "PR0"
		}
	}
	r.CareEpisode = &care.Episode{LegalStatus: e.ls, Need: "N1", Placement: e.place, Provider: e.provider,
		Household: e.household, ReasonNew: e.rne, ReasonCeased: e.rec, LongTermStable: e.stable}
	return b.add(r)
}

// inCare is one episode of care from start to end (E4A when it ends) in
// foster care.
func (b *cb) inCare(start, end string) journey.ID {
	rc := ""
	if end != "" {
		rc = "E4A"
	}
	return b.episode(ep{start: start, end: end, place: "U6", rne: "S", rec: rc})
}

func (b *cb) careReview(day string) journey.ID {
	r := rec(journey.KindCareReview, day, "")
	r.CareReview = &care.Review{Participation: "PN1"}
	return b.add(r)
}

func (b *cb) health(day string) journey.ID {
	r := rec(journey.KindHealthAssessment, day, "")
	r.HealthAssessment = &care.HealthAssessment{}
	return b.add(r)
}

func (b *cb) dental(day string) journey.ID {
	r := rec(journey.KindDentalCheck, day, "")
	r.DentalCheck = &care.DentalCheck{}
	return b.add(r)
}

func (b *cb) sdq(day string, score int) journey.ID {
	r := rec(journey.KindSDQ, day, "")
	r.SDQ = &care.SDQ{Score: &score}
	return b.add(r)
}

func (b *cb) sdqReason(day string) journey.ID {
	r := rec(journey.KindSDQ, day, "")
	r.SDQ = &care.SDQ{Reason: "SDQ2"}
	return b.add(r)
}

// missing from start to end, returned at returned (London), interviewed on
// interview.
func (b *cb) missing(start, end, returned, interview string) journey.ID {
	r := rec(journey.KindMissing, start, end)
	r.Missing = &care.Missing{StartedAt: moment(start + " 18:00"), ReturnedAt: moment(returned), InterviewDate: date(interview)}
	return b.add(r)
}

func (b *cb) adoption(decision, end string, a care.Adoption) journey.ID {
	r := rec(journey.KindAdoption, decision, end)
	r.Adoption = &a
	return b.add(r)
}

func (b *cb) leaverContact(day, inTouch, activity, accom string) journey.ID {
	r := rec(journey.KindLeaverContact, day, "")
	r.LeaverContact = &care.LeaverContact{InTouch: inTouch, Activity: activity, Accommodation: accom}
	return b.add(r)
}

func (b *cb) child() Child { return b.c }

// kids turns builders into children.
func kids(bs ...*cb) []Child {
	out := make([]Child, len(bs))
	for i, b := range bs {
		out[i] = b.child()
	}
	return out
}

// val is a wanted value; none is nil.
func val(v float64) *float64 { return &v }

func show(v *float64) string {
	if v == nil {
		return "none"
	}
	return fmt.Sprintf("%g", *v)
}

// tc is one case of an indicator's table: the children, the date, the
// value wanted and the children wanted in the numerator (each as often as
// they should appear) and, when den is not nil, in the denominator.
type tc struct {
	name     string
	at       string
	children []Child
	want     *float64
	num, den []people.ID
}

// runCases computes the indicator for each case and checks the value, the
// lists, and that the value agrees with the lists (checkAgrees).
func runCases(t *testing.T, id string, cases []tc) {
	t.Helper()
	def, ok := Lookup(id)
	if !ok {
		t.Fatalf("%s is not in Definitions", id)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Children: c.children, Population: []PopulationYear{{Year: 2023, Children: 10000}}}
			res := Compute(def, in, date(c.at))
			if show(res.Value) != show(c.want) {
				t.Errorf("value = %s, want %s\nnumerator: %v\ndenominator: %v", show(res.Value), show(c.want), res.Numerator, res.Denominator)
			}
			if got := persons(res.Numerator); !slices.Equal(got, sorted(c.num)) {
				t.Errorf("numerator = %v, want %v (%v)", got, sorted(c.num), res.Numerator)
			}
			if c.den != nil {
				if got := persons(res.Denominator); !slices.Equal(got, sorted(c.den)) {
					t.Errorf("denominator = %v, want %v (%v)", got, sorted(c.den), res.Denominator)
				}
			}
			checkAgrees(t, def, res)
		})
	}
}

func persons(es []Entry) []people.ID {
	out := []people.ID{}
	for _, e := range es {
		out = append(out, e.PersonID)
	}
	slices.Sort(out)
	return out
}

func sorted(ids []people.ID) []people.ID {
	out := append([]people.ID{}, ids...)
	slices.Sort(out)
	return out
}

// edit changes the child's record with the id.
func (b *cb) edit(id journey.ID, fn func(r *journey.Record)) {
	for i := range b.c.Records {
		if b.c.Records[i].ID == id {
			fn(&b.c.Records[i])
		}
	}
}
