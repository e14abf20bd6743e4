package journey

import (
	"slices"
	"strings"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// Journey is what Check judges a record against: the child, and the child's
// journey records as they stand.
type Journey struct {
	Person  people.Person
	Records []Record
}

// Find returns the child's record with the given id.
func (j Journey) Find(id ID) (Record, bool) { return Find(j.Records, id) }

// Find returns the record with the given id among records.
func Find(records []Record, id ID) (Record, bool) {
	for _, r := range records {
		if r.ID == id {
			return r, true
		}
	}
	return Record{}, false
}

// needsEpisode lists the kinds that happen only within a referral (a child
// in need episode).
var needsEpisode = map[Kind]bool{
	KindAssessment: true, KindStrategy: true, KindS47: true, KindICPC: true,
	KindCINPlan: true, KindCPPlan: true, KindCPReview: true,
}

// Check judges a new or changed record against the rest of the child's
// journey: a record that makes no sense there is refused, with the field and
// the rule it breaks. r has been through Validate. A changed record is
// judged against the others, not its own earlier version.
func Check(j Journey, r Record) error {
	var c Checker
	return c.Check(j, r)
}

// A Checker judges records as Check does, one after another, keeping the
// memory it copies the other records into from one record to the next. An
// import judges every record of a child against the rest: with Check, each
// of a child's n records copied the n others into a new slice: 0.96 of the
// 1.58 GB that judging Demo City's returns allocated at scale 1
// (BenchmarkImportTenYears). A Checker is for one goroutine at a time.
type Checker struct{ others []Record }

// Check judges r against the rest of j, as the function Check does.
func (c *Checker) Check(j Journey, r Record) error {
	var f errs.Fields
	if r.PersonID != j.Person.ID {
		f.Add("person_id", "A record belongs to the child whose journey it is part of")
		return f.Err()
	}
	others := c.others[:0]
	if cap(others) < len(j.Records) {
		// To size at once, not grown from nothing record by record.
		others = make([]Record, 0, len(j.Records))
	}
	for _, o := range j.Records {
		if o.ID != r.ID || r.ID == 0 {
			others = append(others, o)
		}
	}
	c.others = others
	// The rules read others and keep nothing of it past this call; its
	// capacity is cut to its length so that none of them could append into
	// what the next record's check will overwrite.
	j.Records = others[:len(others):len(others)]

	checkLife(&f, j, r)
	checkEpisode(&f, j, r)
	checkFollows(&f, j, r)
	checkOverlap(&f, j, r)
	checkCare(&f, j, r)
	if r.Kind == KindReferral || r.Kind == KindEarlyHelp {
		checkClosure(&f, j, r)
	}
	return f.Err()
}

// checkLife refuses what happens before the child was born (except the work
// of a referral made before birth) or after they died (except a note).
func checkLife(f *errs.Fields, j Journey, r Record) {
	p := j.Person
	if dob := p.DateOfBirth; !dob.IsZero() && r.Start.Before(dob) && !prebirth(j, r) {
		f.Add("start", "Nothing is recorded before the child was born (%s), except a contact or referral made before birth and its work", dob.Format())
	}
	if dod := p.DateOfDeath; !dod.IsZero() && r.Start.After(dod) && r.Kind != KindNote {
		f.Add("start", "Nothing is recorded after the child died (%s) except case notes", dod.Format())
	}
}

// prebirth reports whether r is a contact or referral (a midwife's worry
// about an unborn child), or the work of a referral, that began before the
// child was born.
func prebirth(j Journey, r Record) bool {
	if r.Kind == KindReferral || r.Kind == KindContact {
		return true
	}
	if ep, ok := j.Find(r.Episode); ok && ep.Kind == KindReferral {
		return ep.Start.Before(j.Person.DateOfBirth)
	}
	return false
}

// checkEpisode holds a record to its episode: social care's records belong
// to a referral, and everything in an episode happens between its start and
// its closure.
func checkEpisode(f *errs.Fields, j Journey, r Record) {
	switch r.Kind {
	case KindContact, KindReferral, KindEarlyHelp:
		if r.Episode != 0 {
			f.Add("episode", "%s starts an episode of its own and belongs to none", aKind(r.Kind))
		}
		return
	}
	if r.Episode == 0 {
		if needsEpisode[r.Kind] {
			f.Add("episode", "%s belongs to a referral: choose the referral it is part of", aKind(r.Kind))
		}
		return
	}
	ep, ok := j.Find(r.Episode)
	if ok && (ep.Kind == KindCareEpisode || ep.Kind == KindLeavingCare) && inCareWork[r.Kind] {
		start, end, what := careSpan(j, ep)
		checkWithin(f, r, start, end, what)
		return
	}
	if !ok || (ep.Kind != KindReferral && ep.Kind != KindEarlyHelp) {
		if inCareWork[r.Kind] {
			f.Add("episode", "Choose a referral or early help episode of this child, or their episode of care or leaving care service")
		} else {
			f.Add("episode", "Choose a referral or early help episode of this child")
		}
		return
	}
	if needsEpisode[r.Kind] && ep.Kind != KindReferral {
		f.Add("episode", "%s belongs to a referral, not an early help episode", aKind(r.Kind))
		return
	}
	what := "referral"
	if ep.Kind == KindEarlyHelp {
		what = "early help episode"
	}
	checkWithin(f, r, ep.Start, ep.End, what)
}

// inCareWork are the kinds that may belong to an episode of care or the
// leaving care service as well as to a referral or early help episode: the
// allocation of a child in care or a care leaver, their visits and notes.
var inCareWork = map[Kind]bool{KindAllocation: true, KindVisit: true, KindNote: true}

// checkWithin holds a record to the span of what it belongs to (what, from
// start to end, zero while open).
func checkWithin(f *errs.Fields, r Record, start, end civil.Date, what string) {
	if r.Start.Before(start) {
		f.Add("start", "This happened before the %s it belongs to (%s)", what, start.Format())
	}
	if !end.IsZero() {
		if r.Start.After(end) && r.Kind != KindNote {
			f.Add("start", "The %s closed on %s: nothing happens after a closure unless the child is referred again", what, end.Format())
		} else if !r.End.IsZero() && r.End.After(end) {
			f.Add("end", "The %s closed on %s: this must end by then", what, end.Format())
		}
	}
}

// followRule says what a kind may or must follow.
type followRule struct {
	must  bool
	kinds []Kind
	rule  string
}

var followRules = map[Kind]followRule{
	KindS47:       {true, []Kind{KindStrategy}, "A Section 47 enquiry starts at a strategy discussion that decided on one"},
	KindICPC:      {true, []Kind{KindS47}, "An initial child protection conference follows a Section 47 enquiry"},
	KindCPPlan:    {true, []Kind{KindICPC}, "A child protection plan starts at an initial child protection conference that decided on one"},
	KindCPReview:  {true, []Kind{KindCPPlan}, "A review conference reviews a child protection plan"},
	KindVisit:     {false, []Kind{KindCINPlan, KindCPPlan}, "A visit is about a child in need or child protection plan"},
	KindReferral:  {false, []Kind{KindContact, KindEarlyHelp}, "A referral follows a contact or steps up from early help"},
	KindEarlyHelp: {false, []Kind{KindContact, KindReferral}, "Early help follows a contact or steps down from social care"},
}

// checkFollows checks the record that r follows: its kind, its episode and
// its date.
func checkFollows(f *errs.Fields, j Journey, r Record) {
	rule, has := followRules[r.Kind]
	if !has {
		if r.Follows != 0 {
			f.Add("follows", "%s does not follow another record", aKind(r.Kind))
		}
		return
	}
	if r.Follows == 0 {
		if rule.must {
			f.Add("follows", "%s", rule.rule)
		}
		return
	}
	prev, ok := j.Find(r.Follows)
	if !ok || !slices.Contains(rule.kinds, prev.Kind) {
		f.Add("follows", "%s", rule.rule)
		return
	}
	if needsEpisode[r.Kind] && prev.Episode != r.Episode {
		f.Add("follows", "%s of the same referral", rule.rule)
		return
	}
	if r.Start.Before(prev.Start) {
		f.Add("start", "This cannot be before the %s it follows (%s)", lower(prev.Kind), prev.Start.Format())
	}
	switch r.Kind {
	case KindS47:
		if prev.Strategy.Outcome != "s47" {
			f.Add("follows", "%s", rule.rule)
		}
	case KindICPC:
		if prev.S47.Outcome != "" && prev.S47.Outcome != "icpc" {
			f.Add("follows", "The Section 47 enquiry ended without deciding on a conference")
		}
	case KindCPPlan:
		if !prev.ICPC.Plan {
			f.Add("follows", "%s", rule.rule)
		} else if r.Start != prev.Start {
			f.Add("start", "A child protection plan starts on the day of the conference that made it (%s)", prev.Start.Format())
		}
	case KindCPReview:
		if !prev.End.IsZero() && r.Start.After(prev.End) {
			f.Add("start", "The plan ended on %s: a review conference cannot be after it", prev.End.Format())
		}
	}
}

// overlapKinds lists the kinds of which a child has at most one at a time.
var overlapKinds = map[Kind]string{
	KindReferral:   "A child has one open referral at a time: close the last one before referring again",
	KindEarlyHelp:  "A child has one early help episode at a time",
	KindCINPlan:    "Child in need plans cannot overlap",
	KindCPPlan:     "Child protection plans cannot overlap",
	KindAllocation: "A child is allocated to one worker at a time: end the last allocation first",
	// Care: episodes of care follow one another (an end with X1 and the
	// next the same day); a child is missing once at a time (903 rule
	// 574); one leaving care service, UASC status and plan for adoption.
	KindCareEpisode: "Episodes of care never overlap: end the last one first (with X1 for a change the same day)",
	KindMissing:     "Missing episodes never overlap: record the child's return from the last one first",
	KindLeavingCare: "A young person has one leaving care service at a time",
	KindUASC:        "A child's times as an unaccompanied asylum-seeking child cannot overlap",
	KindAdoption:    "A child has one plan for adoption at a time: end the last one first",
}

// checkOverlap refuses a record that overlaps another of its kind where a
// child can have only one at a time.
func checkOverlap(f *errs.Fields, j Journey, r Record) {
	rule, ok := overlapKinds[r.Kind]
	if !ok {
		return
	}
	for _, o := range j.Records {
		if o.Kind == r.Kind && overlaps(o, r) {
			f.Add("start", "%s (another runs from %s)", rule, period(o))
			return
		}
	}
}

// overlaps reports whether two periods share a day other than one's end
// being the other's start (a plan may end the day another starts).
func overlaps(a, b Record) bool {
	return before(a.Start, b.End) && before(b.Start, a.End)
}

// before reports whether d is before end, an open end being after all.
func before(d, end civil.Date) bool { return end.IsZero() || d.Before(end) }

func period(r Record) string {
	if r.End.IsZero() {
		return r.Start.Format() + " and is open"
	}
	return r.Start.Format() + " to " + r.End.Format()
}

// checkClosure, when an episode is closed, refuses to leave inside it work
// that is still open or happened after the closure.
func checkClosure(f *errs.Fields, j Journey, r Record) {
	if r.End.IsZero() || r.ID == 0 {
		return
	}
	for _, o := range j.Records {
		if o.Episode != r.ID || o.Kind == KindNote {
			continue
		}
		switch {
		case o.Start.After(r.End):
			f.Add("end", "The %s on %s is after this closing date", lower(o.Kind), o.Start.Format())
			return
		case spans(o.Kind) && o.End.IsZero():
			f.Add("end", "The %s that started on %s is still open: end it first", lower(o.Kind), o.Start.Format())
			return
		case o.End.After(r.End):
			f.Add("end", "The %s ends on %s, after this closing date", lower(o.Kind), o.End.Format())
			return
		}
	}
}

// lower is a kind's label in lower case, for the middle of a sentence.
func lower(k Kind) string { return lowerFirst(Kinds.Label(string(k))) }

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

// aKind is a kind's label with its article, to begin a sentence: "A
// referral", "An initial child protection conference".
func aKind(k Kind) string {
	s := lower(k)
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "An " + s
	}
	return "A " + s
}
