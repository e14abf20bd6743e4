// Package cin builds the Children in Need census, the DfE's statutory return
// of every child in need episode open in a collection year, from the
// council's person and journey records, and writes it as the DfE's XML. It
// is pure Go: the caller reads the records and supplies the writer.
//
// The census takes what the journey already holds: a referral record is a
// CIN episode (CINdetails), and the assessments, Section 47 enquiries,
// conferences, plans and reviews that name it as their episode are its
// modules. Rule codes in comments are the DfE's CIN census validation rules
// of the collection year; the census does not apply them yet, it only
// chooses what goes in by the scope they imply.
package cin

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Year is a collection year, named by the calendar year it ends in: Year
// 2024 is 1 April 2023 to 31 March 2024, the census of 2023-24, whose
// header says <Year>2024</Year>.
type Year int

// Start is the first day of the collection year, 1 April ([Start_Of_Census_Year]).
func (y Year) Start() civil.Date { return civil.MustNew(int(y)-1, time.April, 1) }

// ReferenceDate is the last day of the collection year, 31 March (N00603;
// rule 100).
func (y Year) ReferenceDate() civil.Date { return civil.MustNew(int(y), time.March, 31) }

// In reports whether d falls within the collection year ([Period_of_Census],
// both ends inclusive).
func (y Year) In(d civil.Date) bool {
	return !d.IsZero() && !d.Before(y.Start()) && !d.After(y.ReferenceDate())
}

// sexElement reports whether the year's schema names the child's sex <Sex>
// with codes M, F and U (from 2024-25, rule 4180 of cin2024_25) rather than
// <GenderCurrent> with codes 1, 2, 9 and 0 (the 2023-24 schema).
func (y Year) sexElement() bool { return y >= 2025 }

// Header is what the council says about the return itself. The collection
// ("CIN"), its year and the reference date come from the Year.
type Header struct {
	LEA          string    // the council's three-digit DfE number
	SoftwareCode string    // the system that made the return
	Release      string    // its version
	SerialNo     string    // the return's serial number: three digits or more
	DateTime     time.Time // when the return was made; written in London time
}

// Child is what the census reads about one child: the person record (its
// identifiers, dates and characteristics) and every journey record of the
// child, current versions, of any kind and any date. Records of other kinds
// are ignored; plans and conferences before the year still count (the
// number of previous child protection plans).
type Child struct {
	Person people.Person
	// UPNUnknown is the DfE's reason a child has no UPN (UN1 to UN7), which
	// the person record does not hold yet.
	UPNUnknown string
	Records    []journey.Record
}

// Census is one collection year's return: its header and the children with
// at least one episode in scope, sorted by LAchildID.
type Census struct {
	Header   Header
	Year     Year
	Children []CensusChild
}

// CensusChild is one child of the return (<Child>).
type CensusChild struct {
	LAChildID    string
	UPN          string
	FormerUPN    string
	UPNUnknown   string
	BirthDate    civil.Date
	ExpectedDate civil.Date // the expected date of birth, for an unborn child
	Sex          string     // people.SexCodes; the writer maps it for the year
	DeathDate    civil.Date
	Ethnicity    string
	Disabilities []string
	Episodes     []Episode // sorted by referral date
}

// Episode is one child in need episode (<CINdetails>): a referral and the
// work within it that falls in the year.
type Episode struct {
	ReferralDate     civil.Date
	ReferralSource   string
	PrimaryNeed      string
	ClosureDate      civil.Date // zero while open on the reference date
	ReasonForClosure string     // with ClosureDate only (rules 8805, 8810)
	DateOfInitialCPC civil.Date // a conference that followed no enquiry of the episode (rule 2884)
	Assessments      []Assessment
	CINPlans         []CINPlan
	Section47s       []Section47
	NFA              bool
	CPPlans          []CPPlan
}

// Assessment is a child and family assessment (<Assessments>).
type Assessment struct {
	Start      civil.Date
	Authorised civil.Date // zero while not authorised by the reference date
	Factors    []string   // only with Authorised (rule 8614)
}

// CINPlan is a child in need plan (<CINPlanDates>).
type CINPlan struct {
	Start, End civil.Date
}

// Section47 is a Section 47 enquiry (<Section47>).
type Section47 struct {
	Start            civil.Date
	InitialCPCTarget civil.Date // 15 working days after the strategy discussion
	DateOfInitialCPC civil.Date
	ICPCNotRequired  bool
}

// CPPlan is a child protection plan (<ChildProtectionPlans>).
type CPPlan struct {
	Start, End      civil.Date
	InitialCategory string
	LatestCategory  string
	PreviousPlans   int          // the child's child protection plans that started before this one
	Reviews         []civil.Date // review conferences held in the year
}

// icpcTargetWorkingDays is the census's own definition of InitialCPCtarget
// (N00109): 15 working days from the strategy discussion that started the
// enquiry. It is the statutory timescale, not the council's setting, which
// may be shorter; rule 8870Q expects it never to fall at a weekend, and a
// working day never does.
const icpcTargetWorkingDays = 15

// Build makes the return for the year from the children's records. Children
// with no episode in scope are left out (each child has at least one
// <CINdetails>, rule 8590). Build never fails: a record the census cannot
// place (a module with no episode, an episode outside the year) is left out,
// and validating what remains is the validation rules' work.
func Build(header Header, children []Child, year Year) Census {
	c, _ := BuildWithSources(header, children, year)
	return c
}

// BuildWithSources is Build, with the records each child, episode and
// module of the census came from (Sources.Of leads a finding to them).
func BuildWithSources(header Header, children []Child, year Year) (Census, Sources) {
	type built struct {
		child CensusChild
		src   ChildSources
	}
	var all []built
	for _, ch := range children {
		cc, src, ok := buildChild(ch, year)
		if ok {
			all = append(all, built{cc, src})
		}
	}
	// LAchildIDs are unique in a return (rule 8510); the birth date only
	// keeps the order fixed if a council's data breaks that rule.
	slices.SortStableFunc(all, func(a, b built) int {
		return cmp.Or(cmp.Compare(a.child.LAChildID, b.child.LAChildID), a.child.BirthDate.Compare(b.child.BirthDate))
	})
	c := Census{Header: header, Year: year}
	var src Sources
	for _, b := range all {
		c.Children = append(c.Children, b.child)
		src = append(src, b.src)
	}
	return c, src
}

func buildChild(ch Child, year Year) (CensusChild, ChildSources, bool) {
	p := ch.Person
	ref := year.ReferenceDate()
	cc := CensusChild{
		LAChildID:  p.Identifiers.LAChildID,
		UPN:        p.Identifiers.UPN,
		FormerUPN:  p.Identifiers.FormerUPN,
		UPNUnknown: ch.UPNUnknown,
		Sex:        p.Sex,
		Ethnicity:  p.Ethnicity,
	}
	if cc.LAChildID == "" {
		// LAchildID must be present (rule 8500), at most 20 letters and
		// digits (rules 1570, 1580): Hearth's own person id is all three
		// and never reused.
		cc.LAChildID = strconv.FormatInt(int64(p.ID), 10)
	}
	// A birth or death after the reference date had not happened on it
	// (rule 8520); an unborn child is sent with the expected date instead
	// (rule 8525Q).
	if !p.DateOfBirth.IsZero() && !p.DateOfBirth.After(ref) {
		cc.BirthDate = p.DateOfBirth
	} else if !p.ExpectedDateOfBirth.IsZero() {
		cc.ExpectedDate = p.ExpectedDateOfBirth
	}
	if !p.DateOfDeath.IsZero() && !p.DateOfDeath.After(ref) {
		cc.DeathDate = p.DateOfDeath
	}
	cc.Disabilities = slices.Clone(p.Disabilities)

	src := ChildSources{Person: p.ID}
	recs := index(ch.Records)
	for _, r := range recs.byKind[journey.KindReferral] {
		if e, es, ok := buildEpisode(r, recs, year); ok {
			cc.Episodes = append(cc.Episodes, e)
			src.Episodes = append(src.Episodes, es)
		}
	}
	return cc, src, len(cc.Episodes) > 0
}

// records is a child's journey indexed for the census: by id, and by kind
// in date order (then id, so that the order never depends on the input's).
type records struct {
	byID   map[journey.ID]journey.Record
	byKind map[journey.Kind][]journey.Record
}

func index(rs []journey.Record) records {
	x := records{byID: map[journey.ID]journey.Record{}, byKind: map[journey.Kind][]journey.Record{}}
	for _, r := range rs {
		if !hasDetail(r) {
			continue
		}
		x.byID[r.ID] = r
		x.byKind[r.Kind] = append(x.byKind[r.Kind], r)
	}
	for _, l := range x.byKind {
		slices.SortFunc(l, func(a, b journey.Record) int {
			return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
		})
	}
	return x
}

// hasDetail reports whether a record of a kind the census reads carries its
// detail; one that does not is not a record the census can report.
func hasDetail(r journey.Record) bool {
	switch r.Kind {
	case journey.KindReferral:
		return r.Referral != nil
	case journey.KindAssessment:
		return r.Assessment != nil
	case journey.KindStrategy:
		return r.Strategy != nil
	case journey.KindS47:
		return r.S47 != nil
	case journey.KindICPC:
		return r.ICPC != nil
	case journey.KindCINPlan, journey.KindCPPlan:
		return r.Plan != nil
	case journey.KindCPReview:
		return r.Review != nil
	}
	return false
}

// within returns the records of the kind that belong to the episode.
func (x records) within(k journey.Kind, episode journey.ID) []journey.Record {
	var out []journey.Record
	for _, r := range x.byKind[k] {
		if r.Episode == episode {
			out = append(out, r)
		}
	}
	return out
}

// openInYear reports whether a record spanning start to end (zero end:
// still open) was open on some day of the year.
func openInYear(start, end civil.Date, year Year) bool {
	return !start.IsZero() && !start.After(year.ReferenceDate()) && (end.IsZero() || !end.Before(year.Start()))
}

// endByReference is the end date as it stood on the reference date: an end
// after it had not happened yet, so the thing was still open then.
func endByReference(end civil.Date, year Year) civil.Date {
	if end.After(year.ReferenceDate()) {
		return civil.Date{}
	}
	return end
}

func buildEpisode(ref journey.Record, x records, year Year) (Episode, EpisodeSources, bool) {
	d := ref.Referral
	if d.NFA {
		// A referral with no further action is returned in the year it was
		// made: one made before the year cannot be NFA (rule 8569Q), and
		// the episode has no work to carry into the next year.
		if !year.In(ref.Start) {
			return Episode{}, EpisodeSources{}, false
		}
	} else if !openInYear(ref.Start, ref.End, year) {
		// The referral date is on or before the reference date (rule 8600)
		// and a closure date falls within the year (rule 8620).
		return Episode{}, EpisodeSources{}, false
	}
	src := EpisodeSources{Referral: ref.ID}
	e := Episode{
		ReferralDate:   ref.Start,
		ReferralSource: d.Source,
		PrimaryNeed:    d.PrimaryNeed,
		ClosureDate:    endByReference(ref.End, year),
		NFA:            d.NFA,
	}
	if !e.ClosureDate.IsZero() {
		e.ReasonForClosure = d.ClosureReason
	}

	for _, r := range x.within(journey.KindAssessment, ref.ID) {
		// An authorised assessment is returned in the year of its
		// authorisation (rule 8696); one not yet authorised, in every year
		// it is open (rule 8736 queries one started before the year).
		if r.Start.After(year.ReferenceDate()) || (!r.End.IsZero() && r.End.Before(year.Start())) {
			continue
		}
		a := Assessment{Start: r.Start, Authorised: endByReference(r.End, year)}
		if !a.Authorised.IsZero() {
			a.Factors = slices.Clone(r.Assessment.Factors) // rule 8614
		}
		e.Assessments = append(e.Assessments, a)
		src.Assessments = append(src.Assessments, r.ID)
	}

	for _, r := range x.within(journey.KindCINPlan, ref.ID) {
		// Open in the year: started by the reference date (rule 4010),
		// ended, if at all, within the year (rule 4013).
		if openInYear(r.Start, r.End, year) {
			e.CINPlans = append(e.CINPlans, CINPlan{Start: r.Start, End: endByReference(r.End, year)})
			src.CINPlans = append(src.CINPlans, r.ID)
		}
	}

	icpcs := x.within(journey.KindICPC, ref.ID)
	enquiries := x.within(journey.KindS47, ref.ID)
	for _, r := range enquiries {
		s, ok := buildS47(r, icpcs, x, year)
		if ok {
			e.Section47s = append(e.Section47s, s)
			src.Section47s = append(src.Section47s, s47Sources(r, icpcs, x, s))
		}
	}
	// A conference that followed none of the episode's enquiries (a
	// transfer-in, or one recorded without its enquiry) is the episode's
	// own DateOfInitialCPC; one that followed an enquiry is the enquiry's,
	// never both (rule 2884). It must fall in the year like the enquiry's
	// (rules 8715, 2883); the latest is taken, as the element is single.
	for _, c := range icpcs {
		if followsAny(c, enquiries) || !year.In(c.Start) {
			continue
		}
		e.DateOfInitialCPC = c.Start
		src.InitialCPC = c.ID
	}

	for _, r := range x.within(journey.KindCPPlan, ref.ID) {
		// Open in the year: started by the reference date (rule 8720),
		// ended, if at all, within the year (rule 8930).
		if !openInYear(r.Start, r.End, year) {
			continue
		}
		p := buildCPPlan(r, x, year)
		e.CPPlans = append(e.CPPlans, p)
		src.CPPlans = append(src.CPPlans, cpPlanSources(r, x, p))
	}
	return e, src, true
}

func followsAny(r journey.Record, of []journey.Record) bool {
	return slices.ContainsFunc(of, func(o journey.Record) bool { return r.Follows == o.ID })
}

// buildS47 returns the enquiry if it belongs in the year: its conference
// held in the year (rule 8715), or, with no conference by the reference
// date, still open in the year (rule 8740 asks an enquiry awaiting its
// conference to have started in the year; one from before is queried by the
// rules, not hidden).
func buildS47(r journey.Record, icpcs []journey.Record, x records, year Year) (Section47, bool) {
	if r.Start.After(year.ReferenceDate()) {
		return Section47{}, false
	}
	s := Section47{Start: r.Start}
	var held civil.Date
	for _, c := range icpcs {
		if c.Follows == r.ID {
			held = c.Start // the first is the initial conference
			break
		}
	}
	switch {
	case year.In(held):
		s.DateOfInitialCPC = held
	case !held.IsZero() && held.Before(year.Start()):
		return Section47{}, false // reported with its conference, last year
	case !openInYear(r.Start, r.End, year):
		return Section47{}, false
	}
	// ICPCnotRequired says the enquiry ended, by the reference date, in
	// something other than a conference (rule 8868 needs one or the other
	// on a closed episode).
	end := endByReference(r.End, year)
	s.ICPCNotRequired = !end.IsZero() && r.S47.Outcome != "icpc" && s.DateOfInitialCPC.IsZero()
	if st, ok := x.byID[r.Follows]; ok && st.Kind == journey.KindStrategy {
		s.InitialCPCTarget = calendar.AddWorkingDays(st.Start, icpcTargetWorkingDays)
	}
	return s, true
}

func buildCPPlan(r journey.Record, x records, year Year) CPPlan {
	p := CPPlan{
		Start:           r.Start,
		End:             endByReference(r.End, year),
		InitialCategory: r.Plan.InitialCategory,
		LatestCategory:  r.Plan.LatestCategory,
	}
	if p.LatestCategory == "" {
		// The latest category is required (rule 8910); a plan whose
		// category never changed has its initial one still.
		p.LatestCategory = p.InitialCategory
	}
	// Previous plans are the child's own, in any episode and any year,
	// that started before this one (N00106); the council knows only its own.
	for _, o := range x.byKind[journey.KindCPPlan] {
		if o.ID != r.ID && o.Start.Before(r.Start) {
			p.PreviousPlans++
		}
	}
	for _, v := range x.byKind[journey.KindCPReview] {
		// The reviews held in the year; those after the plan ended
		// belong to no plan.
		if v.Follows == r.ID && year.In(v.Start) && (p.End.IsZero() || !v.Start.After(p.End)) {
			p.Reviews = append(p.Reviews, v.Start)
		}
	}
	return p
}
