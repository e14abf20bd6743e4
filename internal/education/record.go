package education

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// ID identifies an education record.
type ID int64

// Kind is a kind of education record.
type Kind string

// The kinds of education record about a child.
const (
	KindRoll       Kind = "roll"        // on a school's roll, from a day to a day
	KindSENSupport Kind = "sen_support" // SEN support at a school, without a plan
	KindEHCRequest Kind = "ehc_request" // a request for an EHC needs assessment, to the final plan
	KindEHCPlan    Kind = "ehc_plan"    // an EHC plan the council maintains
	KindExclusion  Kind = "exclusion"   // a suspension or permanent exclusion
	KindCME        Kind = "cme"         // an enquiry about a child missing education
	KindEHE        Kind = "ehe"         // elective home education
	KindISAPP      Kind = "isapp"       // a referral to the inclusion panel
)

// Kinds lists every kind, in the order a child's page shows them, with
// their labels.
var Kinds = people.CodeList{
	{Code: string(KindRoll), Label: "School roll"},
	{Code: string(KindSENSupport), Label: "SEN support"},
	{Code: string(KindEHCRequest), Label: "EHC needs assessment request"},
	{Code: string(KindEHCPlan), Label: "EHC plan"},
	{Code: string(KindExclusion), Label: "Suspension or exclusion"},
	{Code: string(KindCME), Label: "Child missing education enquiry"},
	{Code: string(KindEHE), Label: "Elective home education"},
	{Code: string(KindISAPP), Label: "ISAPP referral"},
}

// Roll is a child's time on a school's roll: the record's Start is the
// day they joined it and End the day they left (zero while on it).
type Roll struct {
	School string `json:"school"` // URN
}

// SENSupport is SEN support at a school: the record's Start and End are
// when it began and ended.
type SENSupport struct {
	School string `json:"school"` // URN
	Needs  []Need `json:"needs"`
}

// SchoolExclusion is a suspension or permanent exclusion from a school.
type SchoolExclusion struct {
	School string `json:"school"` // URN
	Exclusion
}

// Record is one education record about a child, of one Kind, with the
// detail of that kind (and no other) set. Its Start and End are the
// detail's own dates where it has them (Normalise): a request runs from its
// receipt to its final plan or the decision that ended it, a plan from its
// issue to its ceasing. TeamID is the team whose work it is: a record open
// on a day gives that team its education involvement with the child.
type Record struct {
	ID       ID            `json:"id"`
	Version  int           `json:"version"`
	PersonID people.ID     `json:"person_id"`
	Kind     Kind          `json:"kind"`
	Start    civil.Date    `json:"start"`
	End      civil.Date    `json:"end,omitzero"`
	TeamID   access.TeamID `json:"team_id,omitzero"`
	WorkerID access.UserID `json:"worker_id,omitzero"`
	// RecordedAt is when the record was first written. The store sets it.
	RecordedAt time.Time `json:"recorded_at,omitzero"`

	Roll       *Roll            `json:"roll,omitempty"`
	SENSupport *SENSupport      `json:"sen_support,omitempty"`
	EHCRequest *EHCRequest      `json:"ehc_request,omitempty"`
	EHCPlan    *EHCPlan         `json:"ehc_plan,omitempty"`
	Exclusion  *SchoolExclusion `json:"exclusion,omitempty"`
	CME        *CMEEnquiry      `json:"cme,omitempty"`
	EHE        *EHE             `json:"ehe,omitempty"`
	ISAPP      *ISAPPReferral   `json:"isapp,omitempty"`
}

// OpenOn reports whether the record is open on d: started by then and not
// ended before it.
func (r Record) OpenOn(d civil.Date) bool {
	return !r.Start.IsZero() && !r.Start.After(d) && (r.End.IsZero() || !r.End.Before(d))
}

// details lists which detail each kind carries, and whether r has it.
func (r Record) details() map[Kind]bool {
	return map[Kind]bool{
		KindRoll: r.Roll != nil, KindSENSupport: r.SENSupport != nil, KindEHCRequest: r.EHCRequest != nil,
		KindEHCPlan: r.EHCPlan != nil, KindExclusion: r.Exclusion != nil, KindCME: r.CME != nil,
		KindEHE: r.EHE != nil, KindISAPP: r.ISAPP != nil,
	}
}

// Normalise trims the record's text and sets its Start and End from the
// detail's own dates, for the kinds whose detail has them, so that the two
// never disagree.
func Normalise(r Record) Record {
	switch {
	case r.Kind == KindRoll && r.Roll != nil:
		r.Roll.School = strings.TrimSpace(r.Roll.School)
	case r.Kind == KindSENSupport && r.SENSupport != nil:
		r.SENSupport.School = strings.TrimSpace(r.SENSupport.School)
	case r.Kind == KindEHCRequest && r.EHCRequest != nil:
		q := r.EHCRequest
		r.Start, r.End = q.Received, civil.Date{}
		switch {
		case !q.FinalIssued.IsZero():
			r.End = q.FinalIssued
		case q.AssessmentOutcome != "" && q.AssessmentOutcome != "Y":
			r.End = q.AssessmentDecided
		case q.RequestOutcome != "" && q.RequestOutcome != "Y":
			r.End = q.RequestDecided
		}
	case r.Kind == KindEHCPlan && r.EHCPlan != nil:
		r.EHCPlan.Provision = strings.TrimSpace(r.EHCPlan.Provision)
		r.Start, r.End = r.EHCPlan.Issued, r.EHCPlan.Ceased
	case r.Kind == KindExclusion && r.Exclusion != nil:
		// An exclusion is an event: its start is its first day.
		r.Exclusion.School = strings.TrimSpace(r.Exclusion.School)
		r.Start, r.End = r.Exclusion.Start, civil.Date{}
	case r.Kind == KindCME && r.CME != nil:
		r.CME.Referrer = strings.TrimSpace(r.CME.Referrer)
		r.CME.RiskAssessment = strings.TrimSpace(r.CME.RiskAssessment)
		r.Start, r.End = r.CME.Received, r.CME.Closed
		if r.CME.Outcome == "lost" {
			// Still missing: the team keeps the child (and its
			// involvement) on the lost pupils list until found.
			r.End = r.CME.Found
		}
	case r.Kind == KindEHE && r.EHE != nil:
		r.Start, r.End = r.EHE.From, r.EHE.Ended
	case r.Kind == KindISAPP && r.ISAPP != nil:
		q := r.ISAPP
		q.Reason = strings.TrimSpace(q.Reason)
		r.Start, r.End = q.Received, civil.Date{}
		switch {
		case !q.PreExclusion.IsZero() && q.Result != "":
			r.End = q.PreExclusion
		case q.Decision != "" && q.Decision != "pre_exclusion":
			r.End = q.Panel
		}
	}
	return r
}

// Validate checks a record's own fields: a child, a known kind with its
// detail and no other, its dates in order, and the detail by its kind's
// rules. Fields are named as JSON paths (ehc_request.final_issued).
func Validate(r Record) errs.Fields {
	var bad errs.Fields
	if r.PersonID == 0 {
		bad.Add("person_id", "Choose the child the record is about")
	}
	if !Kinds.Has(string(r.Kind)) {
		bad.Add("kind", "Choose the kind of education record")
		return bad
	}
	has := r.details()
	if !has[r.Kind] {
		bad.Add(string(r.Kind), "Enter the %s's details", strings.ToLower(Kinds.Label(string(r.Kind))))
		return bad
	}
	for k, set := range has {
		if set && k != r.Kind {
			bad.Add(string(k), "A %s record holds only its own details", strings.ToLower(Kinds.Label(string(r.Kind))))
		}
	}
	sub := func(fs errs.Fields) {
		for _, f := range fs {
			bad.Add(string(r.Kind)+"."+f.Field, "%s", f.Message)
		}
	}
	switch r.Kind {
	case KindRoll:
		checkURN(&bad, "roll.school", r.Roll.School, true)
	case KindSENSupport:
		checkURN(&bad, "sen_support.school", r.SENSupport.School, true)
		if len(r.SENSupport.Needs) == 0 {
			bad.Add("sen_support.needs", "Enter the primary need")
		}
		seen := map[string]bool{}
		for i, n := range r.SENSupport.Needs {
			if !SENTypes.Has(n.Type) || seen[n.Type] {
				bad.Add(fmt.Sprintf("sen_support.needs[%d].type", i), "Choose each type of need once")
			}
			seen[n.Type] = true
		}
	case KindEHCRequest:
		sub(ValidateRequest(*r.EHCRequest))
	case KindEHCPlan:
		sub(ValidatePlan(*r.EHCPlan))
	case KindExclusion:
		checkURN(&bad, "exclusion.school", r.Exclusion.School, true)
		sub(ValidateExclusion(r.Exclusion.Exclusion))
	case KindCME:
		sub(ValidateCME(*r.CME))
	case KindEHE:
		sub(ValidateEHE(*r.EHE))
	case KindISAPP:
		sub(ValidateISAPP(*r.ISAPP))
	}
	if r.Start.IsZero() && !bad.Has(string(r.Kind)+".received") && !bad.Has(string(r.Kind)+".issued") &&
		!bad.Has(string(r.Kind)+".start") && !bad.Has(string(r.Kind)+".from") {
		bad.Add("start", "Enter the date it began")
	}
	if !r.End.IsZero() && r.End.Before(r.Start) {
		bad.Add("end", "The end cannot be before the start")
	}
	return bad
}

// checkURN adds an error when urn is not a school's unique reference
// number (6 or 7 digits), or is missing where required.
func checkURN(bad *errs.Fields, field, urn string, required bool) {
	switch {
	case urn == "" && required:
		bad.Add(field, "Enter the school's URN")
	case urn != "" && (!allDigits(urn) || len(urn) < 6 || len(urn) > 7):
		bad.Add(field, "A URN is 6 or 7 digits")
	}
}

// CheckAgainst judges a new or changed record against the child's other
// education records (others, which may include r's own earlier version):
// a child has at most one EHC plan maintained at once, and no more than 45
// school days of suspension in a school year. (A child may be on two
// schools' rolls at once: dual registration is lawful.)
func CheckAgainst(r Record, others []Record) errs.Fields {
	var bad errs.Fields
	overlaps := func(o Record) bool {
		if o.ID == r.ID && r.ID != 0 || o.Kind != r.Kind {
			return false
		}
		endsBefore := func(a, b Record) bool { return !a.End.IsZero() && a.End.Before(b.Start) }
		return !endsBefore(o, r) && !endsBefore(r, o)
	}
	switch r.Kind {
	case KindEHCPlan:
		for _, o := range others {
			if overlaps(o) {
				bad.Add("ehc_plan.issued", "The child already has an EHC plan maintained over these dates; cease it first")
				break
			}
		}
	case KindExclusion:
		if r.Exclusion.Category != Suspension {
			break
		}
		var year []Exclusion
		for _, o := range others {
			if o.Kind == KindExclusion && o.Exclusion != nil && (o.ID != r.ID || r.ID == 0) &&
				SchoolYear(o.Exclusion.Start) == SchoolYear(r.Exclusion.Start) {
				year = append(year, o.Exclusion.Exclusion)
			}
		}
		for _, f := range CheckSuspensionTotal(r.Exclusion.Exclusion, year) {
			bad.Add("exclusion."+f.Field, "%s", f.Message)
		}
	}
	return bad
}

// SortRecords orders a child's records as their page lists them: newest
// start first, then newest id.
func SortRecords(rs []Record) {
	slices.SortFunc(rs, func(a, b Record) int {
		if c := b.Start.Compare(a.Start); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
}

// givesInvolvement are the kinds that are the council's work with a child,
// and so give the record's team its education involvement while open. A
// roll and an exclusion are facts a school reports: recording one gives the
// team no work with the child, and an exclusion, an event with no end,
// would give it for ever.
var givesInvolvement = map[Kind]bool{KindSENSupport: true, KindEHCRequest: true, KindEHCPlan: true, KindCME: true, KindEHE: true, KindISAPP: true}

// Involvement returns the involvement a record gives its team (kind
// education, with the record's worker, from its start to its end), or
// false when it gives none: a kind that is no work of the council's, or a
// record with no team.
func Involvement(r Record) (access.Involvement, bool) {
	if !givesInvolvement[r.Kind] || r.TeamID == 0 {
		return access.Involvement{}, false
	}
	return access.Involvement{PersonID: r.PersonID, Kind: access.KindEducation, TeamID: r.TeamID, WorkerID: r.WorkerID,
		StartDate: r.Start, EndDate: r.End}, true
}
