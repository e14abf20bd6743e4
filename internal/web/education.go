package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The education module: a child's education (the records for education
// officers, the summary for social care), one record with its clocks and
// history, and the form that records or changes a school roll, SEN support,
// an EHC needs assessment request (to its final plan), an EHC plan, or a
// suspension or exclusion, an enquiry about a child missing education, a
// child's home education, or a referral to the inclusion panel (ISAPP). Its
// names of inputs are the record's JSON paths, so the app's errors land on
// the boxes that caused them.

func (s *Server) educationModule() module {
	return module{
		name: "education",
		routes: []route{
			signedInRoute("GET", "/people/{id}/education", "", s.education),
			signedInRoute("GET", "/people/{id}/education/new", "", s.newEducation),
			signedInRoute("POST", "/people/{id}/education/new", "", s.newEducationPost),
			signedInRoute("GET", "/people/{id}/education/{rid}", "", s.educationRecord),
			signedInRoute("GET", "/people/{id}/education/{rid}/edit", "", s.editEducation),
			signedInRoute("POST", "/people/{id}/education/{rid}/edit", "", s.editEducationPost),
			signedInRoute("GET", "/admin/virtual-school", "admin", s.showNamedTeam(s.virtualSchoolForm())),
			signedInRoute("POST", "/admin/virtual-school", "admin", s.postNamedTeam(s.virtualSchoolForm())),
			signedInRoute("GET", termDatesPath, "admin", s.termDates),
			signedInRoute("POST", termDatesPath, "admin", s.termDatesPost),
			signedInRoute("GET", eheRegisterPath, "registers", s.eheRegister),
			signedInRoute("GET", cmeListPath, "registers", s.cmeList),
			signedInRoute("GET", lostPupilsPath, "registers", s.lostPupils),
		},
		nav: []navLink{
			{key: "registers", label: "Registers", href: eheRegisterPath, action: access.ReadEducation},
		},
		funcs: template.FuncMap{
			"eduKind":   func(k education.Kind) string { return codeLabel(education.Kinds, string(k)) },
			"senType":   func(code string) string { return codeLabel(education.SENTypes, code) },
			"exclusion": func(code string) string { return codeLabel(education.ExclusionCategories, code) },
			"exReason":  func(code string) string { return codeLabel(education.ExclusionReasons, code) },
			"late":      func(d education.Deadline, today civil.Date) bool { return d.Late(today) },
			"add1":      func(i int) int { return i + 1 },
			"cmeStep":   education.CMESteps.Label,
			"cmeEnd":    education.CMEOutcomes.Label,
			"eheFound":  education.EHEOutcomes.Label,
			"eheEnd":    education.EHEEndReasons.Label,
			"panelSaid": education.ISAPPDecisions.Label,
			"followed":  education.PreExclusionResults.Label,
		},
		dateFields: []string{"start", "end", "received", "request_decided", "assessment_decided", "draft_issued", "final_issued",
			"issued", "ceased", "notified_on", "on", "closed", "from", "meeting_offered", "notice_served", "order_made", "ended",
			"panel", "pre_exclusion", "board_met", "provision_from", "found",
			"representations_made", "decision_notified", "review_applied", "review_held"},
		kinds: map[store.Kind]string{store.KindEducation: "Education record"},
	}
}

// formTitles name each kind the form records, after "Record" or "Change".
var formTitles = map[education.Kind]string{
	education.KindRoll: "a school roll", education.KindSENSupport: "SEN support", education.KindEHCRequest: "an EHC needs assessment request",
	education.KindEHCPlan: "an EHC plan", education.KindExclusion: "a suspension or exclusion",
	education.KindCME: "a child missing education enquiry", education.KindEHE: "elective home education", education.KindISAPP: "an ISAPP referral",
}

// formKinds are the kinds the form records, in the order it offers them.
var formKinds = []education.Kind{education.KindRoll, education.KindSENSupport, education.KindEHCRequest, education.KindEHCPlan, education.KindExclusion,
	education.KindCME, education.KindEHE, education.KindISAPP}

// heldByRecorder are the kinds whose record, made on the form, names the
// officer who records it as its worker: a CME or home education officer,
// the panel's coordinator or the inclusion officer told of an exclusion
// holds what they open, so its clocks are on their work list. (A
// caseworker is named on a SEND record through the API.)
var heldByRecorder = map[education.Kind]bool{education.KindCME: true, education.KindEHE: true, education.KindISAPP: true, education.KindExclusion: true}

// spareRows is how many empty rows the form offers below the enquiries
// (CME) or contacts (EHE) already recorded: enough for a visit's worth,
// and the form comes back with more on saving.
const spareRows = 3

// stepRow is one reasonable enquiry of a CME enquiry as typed.
type stepRow struct {
	On            DateValue
	Step, Outcome string
}

// eheContactRow is one contact with a home-educating family as typed.
type eheContactRow struct {
	On      DateValue
	Outcome string
}

type educationView struct {
	Page
	app.EducationPage
	Kinds []education.Kind
}

func (s *Server) education(w http.ResponseWriter, r *request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	ep, err := s.app.Education(r.Context(), r.actor, id)
	if err != nil {
		return err
	}
	p := &educationView{Page: r.page, EducationPage: ep, Kinds: formKinds}
	p.Title = "Education: " + ep.Person.FullName()
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = "Education record saved"
	}
	return s.render(w, http.StatusOK, "education", p)
}

func educationIDs(r *request) (people.ID, education.ID, error) {
	id, err := personID(r)
	if err != nil {
		return 0, 0, err
	}
	rid, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil || rid <= 0 {
		return 0, 0, app.ErrNoEducationRecord
	}
	return id, education.ID(rid), nil
}

type educationRecordView struct {
	Page
	app.EducationRecordPage
	History []store.Version[education.Record]
}

func (s *Server) educationRecord(w http.ResponseWriter, r *request) error {
	id, rid, err := educationIDs(r)
	if err != nil {
		return err
	}
	rp, err := s.app.EducationRecord(r.Context(), r.actor, id, rid)
	if err != nil {
		return err
	}
	p := &educationRecordView{Page: r.page, EducationRecordPage: rp, History: slices.Clone(rp.History)}
	slices.Reverse(p.History)
	p.Title = codeLabel(education.Kinds, string(rp.Record.Kind)) + ": " + rp.Person.FullName()
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = "Education record saved"
	}
	return s.render(w, http.StatusOK, "education-record", p)
}

// educationForm is the form of one kind of record. Every box is kept as
// typed, so that a refused form comes back as it was sent.
type educationForm struct {
	Page
	F        *form
	Person   people.Person
	Kind     education.Kind
	ID       education.ID
	Version  int
	Reason   string
	Start    DateValue
	End      DateValue
	School   string
	Needs    [2]string
	Dates    map[string]DateValue
	Text     map[string]string
	Reasons  [3]string
	Excepted []string
	Missed   bool
	Steps    []stepRow
	Contacts []eheContactRow
	Conflict bool
	Clocks   []education.Deadline
	Today    civil.Date
	Lists    formLists
}

// formLists are the code lists the form's selects offer.
type formLists struct {
	SENTypes, RequestOutcomes, AssessmentOutcomes, Exceptions, Settings, CeaseReasons, Categories, ExclusionReasons people.CodeList
	CMESources, CMESteps, CMEOutcomes, EHEOutcomes, EHEEndReasons, ISAPPDecisions, PreExclusionResults              people.CodeList
}

var eduLists = formLists{education.SENTypes, education.RequestOutcomes, education.AssessmentOutcomes, education.Exceptions,
	education.SENSettings, education.CeaseReasons, education.ExclusionCategories, education.ExclusionReasons,
	education.CMESources, education.CMESteps, education.CMEOutcomes, education.EHEOutcomes, education.EHEEndReasons,
	education.ISAPPDecisions, education.PreExclusionResults}

// Has reports whether an exception is ticked.
func (f *educationForm) Has(code string) bool { return slices.Contains(f.Excepted, code) }

// Date is a date box's value by its field name.
func (f *educationForm) Date(name string) DateValue { return f.Dates[name] }

// Field is a text box's value by its field name.
func (f *educationForm) Field(name string) string { return f.Text[name] }

// Prefix is the kind's JSON name, the prefix of its detail's fields.
func (f *educationForm) Prefix() string { return string(f.Kind) }

func (s *Server) educationFormPage(r *request, person people.Person, rec education.Record) *educationForm {
	f := &educationForm{Page: r.page, Person: person, Kind: rec.Kind, ID: rec.ID, Version: rec.Version,
		Dates: map[string]DateValue{}, Text: map[string]string{}, Lists: eduLists, Today: civil.OfLondon(s.app.Now())}
	f.F = newForm(&f.Page)
	f.fill(rec)
	f.Title = "Record " + formTitles[rec.Kind]
	if rec.ID != 0 {
		f.Title = "Change " + formTitles[rec.Kind]
	}
	return f
}

// fill puts a record into the form's boxes.
func (f *educationForm) fill(r education.Record) {
	f.Start, f.End = dateValueOf(r.Start), dateValueOf(r.End)
	p := string(r.Kind) + "."
	d := func(name string, v civil.Date) { f.Dates[p+name] = dateValueOf(v) }
	needs := func(ns []education.Need) {
		for _, n := range ns {
			if n.Rank >= 1 && n.Rank <= 2 {
				f.Needs[n.Rank-1] = n.Type
			}
		}
	}
	switch {
	case r.Roll != nil:
		f.School = r.Roll.School
	case r.SENSupport != nil:
		f.School = r.SENSupport.School
		needs(r.SENSupport.Needs)
	case r.EHCRequest != nil:
		q := r.EHCRequest
		d("received", q.Received)
		d("request_decided", q.RequestDecided)
		d("assessment_decided", q.AssessmentDecided)
		d("draft_issued", q.DraftIssued)
		d("final_issued", q.FinalIssued)
		f.Text[p+"request_outcome"], f.Text[p+"assessment_outcome"] = q.RequestOutcome, q.AssessmentOutcome
		f.Excepted = q.Exceptions
	case r.EHCPlan != nil:
		q := r.EHCPlan
		d("issued", q.Issued)
		d("ceased", q.Ceased)
		needs(q.Needs)
		f.Text[p+"provision"], f.Text[p+"setting_urn"], f.Text[p+"setting_type"], f.Text[p+"cease_reason"] = q.Provision, q.SettingURN, q.SettingType, q.CeaseReason
	case r.Exclusion != nil:
		q := r.Exclusion
		f.School = q.School
		d("start", q.Start)
		d("notified_on", q.NotifiedOn)
		d("board_met", q.BoardMet)
		d("provision_from", q.ProvisionFrom)
		d("representations_made", q.RepresentationsMade)
		d("decision_notified", q.DecisionNotified)
		d("review_applied", q.ReviewApplied)
		d("review_held", q.ReviewHeld)
		f.Text[p+"category"] = q.Category
		if q.Sessions != 0 {
			f.Text[p+"sessions"] = strconv.Itoa(q.Sessions)
		}
		copy(f.Reasons[:], q.Reasons)
		f.Missed = q.MissedExam
	case r.CME != nil:
		q := r.CME
		d("received", q.Received)
		d("closed", q.Closed)
		d("found", q.Found)
		f.Text[p+"source"], f.Text[p+"referrer"], f.Text[p+"outcome"], f.Text[p+"risk_assessment"] = q.Source, q.Referrer, q.Outcome, q.RiskAssessment
		for _, st := range q.Steps {
			f.Steps = append(f.Steps, stepRow{On: dateValueOf(st.On), Step: st.Step, Outcome: st.Outcome})
		}
	case r.EHE != nil:
		q := r.EHE
		f.School = q.School
		d("from", q.From)
		d("meeting_offered", q.MeetingOffered)
		d("notice_served", q.NoticeServed)
		d("order_made", q.OrderMade)
		d("ended", q.Ended)
		f.Text[p+"end_reason"] = q.EndReason
		for _, c := range q.Contacts {
			f.Contacts = append(f.Contacts, eheContactRow{On: dateValueOf(c.On), Outcome: c.Outcome})
		}
	case r.ISAPP != nil:
		q := r.ISAPP
		f.School = q.School
		d("received", q.Received)
		d("panel", q.Panel)
		d("pre_exclusion", q.PreExclusion)
		f.Text[p+"reason"], f.Text[p+"decision"], f.Text[p+"result"] = q.Reason, q.Decision, q.Result
	}
	f.spare()
}

// spare adds the empty rows the form offers below the enquiries or
// contacts already there.
func (f *educationForm) spare() {
	for range spareRows {
		switch f.Kind {
		case education.KindCME:
			f.Steps = append(f.Steps, stepRow{})
		case education.KindEHE:
			f.Contacts = append(f.Contacts, eheContactRow{})
		}
	}
}

// TrackedUntil is the first day a CME enquiry whose child is not found may
// close, as the form's boxes stand (zero until it has a date received).
func (f *educationForm) TrackedUntil() civil.Date {
	v := f.Dates["cme.received"]
	var bad errs.Fields
	d := v.parse("cme.received", "", &bad)
	if d.IsZero() {
		return d
	}
	return education.TrackedUntil(education.CMEEnquiry{Received: d})
}

// read takes the posted boxes into the form, and the record they make, with
// the errors of boxes that do not parse. base is the record being changed
// (its id, version, team and worker), or a new one of the form's kind.
func (f *educationForm) read(r *request, base education.Record) (education.Record, errs.Fields) {
	v := r.PostForm
	var bad errs.Fields
	p := string(f.Kind) + "."
	f.Reason = v.Get("reason")
	f.School = strings.TrimSpace(v.Get(p + "school"))
	f.Needs = [2]string{v.Get(p + "needs.0.type"), v.Get(p + "needs.1.type")}
	for _, name := range []string{"request_outcome", "assessment_outcome", "provision", "setting_urn", "setting_type", "cease_reason", "category", "sessions",
		"source", "referrer", "outcome", "risk_assessment", "end_reason", "reason", "decision", "result"} {
		f.Text[p+name] = v.Get(p + name)
	}
	f.Reasons = [3]string{v.Get(p + "reasons.0"), v.Get(p + "reasons.1"), v.Get(p + "reasons.2")}
	f.Excepted = v[p+"exceptions"]
	f.Missed = v.Get(p+"missed_exam") == "yes"
	date := func(name, label string) civil.Date {
		f.Dates[p+name] = dateValue(v, p+name)
		return f.Dates[p+name].parse(p+name, label, &bad)
	}
	var needs []education.Need
	for i, n := range f.Needs {
		if n != "" {
			needs = append(needs, education.Need{Type: n, Rank: i + 1})
		}
	}
	rec := education.Record{ID: base.ID, Version: base.Version, Kind: f.Kind, TeamID: base.TeamID, WorkerID: base.WorkerID}
	switch f.Kind {
	case education.KindRoll, education.KindSENSupport:
		f.Start, f.End = dateValue(v, "start"), dateValue(v, "end")
		rec.Start, rec.End = f.Start.parse("start", "Start date", &bad), f.End.parse("end", "End date", &bad)
		if f.Kind == education.KindRoll {
			rec.Roll = &education.Roll{School: f.School}
		} else {
			rec.SENSupport = &education.SENSupport{School: f.School, Needs: needs}
		}
	case education.KindEHCRequest:
		q := education.EHCRequest{
			Received:          date("received", "Date received"),
			RequestOutcome:    f.Text[p+"request_outcome"],
			RequestDecided:    date("request_decided", "Date of the decision whether to assess"),
			AssessmentOutcome: f.Text[p+"assessment_outcome"],
			AssessmentDecided: date("assessment_decided", "Date of the decision whether to issue a plan"),
			DraftIssued:       date("draft_issued", "Date the draft plan was issued"),
			FinalIssued:       date("final_issued", "Date the final plan was issued"),
			Exceptions:        f.Excepted,
		}
		rec.EHCRequest = &q
	case education.KindEHCPlan:
		q := education.EHCPlan{
			Issued: date("issued", "Date issued"), Needs: needs, Provision: f.Text[p+"provision"],
			SettingURN: strings.TrimSpace(f.Text[p+"setting_urn"]), SettingType: f.Text[p+"setting_type"],
			Ceased: date("ceased", "Date ceased"), CeaseReason: f.Text[p+"cease_reason"],
		}
		if base.EHCPlan != nil {
			// Reviews and phase transfers are not on this form: kept as
			// they stand.
			q.Reviews, q.Transfer = base.EHCPlan.Reviews, base.EHCPlan.Transfer
		}
		rec.EHCPlan = &q
	case education.KindExclusion:
		q := education.SchoolExclusion{School: f.School, Exclusion: education.Exclusion{
			Category: f.Text[p+"category"], Start: date("start", "First day of the exclusion"),
			NotifiedOn: date("notified_on", "Date the board and council were told"), MissedExam: f.Missed,
			BoardMet:            date("board_met", "Date the governing board met"),
			ProvisionFrom:       date("provision_from", "Date full-time education began"),
			RepresentationsMade: date("representations_made", "Date the parents asked the board to consider it"),
			DecisionNotified:    date("decision_notified", "Date the parents were told the board's decision"),
			ReviewApplied:       date("review_applied", "Date the parents applied for an independent review"),
			ReviewHeld:          date("review_held", "Date the independent review panel met"),
		}}
		if s := strings.TrimSpace(f.Text[p+"sessions"]); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				bad.Add(p+"sessions", "Sessions must be a whole number, such as 4")
			}
			q.Sessions = n
		}
		for _, reason := range f.Reasons {
			if reason != "" {
				q.Reasons = append(q.Reasons, reason)
			}
		}
		rec.Exclusion = &q
	case education.KindCME:
		q := education.CMEEnquiry{Received: date("received", "Date the enquiry was received"), Source: f.Text[p+"source"],
			Referrer: f.Text[p+"referrer"], Outcome: f.Text[p+"outcome"], RiskAssessment: f.Text[p+"risk_assessment"],
			Closed: date("closed", "Date the enquiry closed"), Found: date("found", "Date the lost pupil was found")}
		f.Steps = typedRows(v, "cme.steps", "step", func(name string) (stepRow, bool) {
			row := stepRow{On: dateValue(v, name+"on"), Step: v.Get(name + "step"), Outcome: strings.TrimSpace(v.Get(name + "outcome"))}
			return row, row.On.Empty() && row.Step == "" && row.Outcome == ""
		})
		for i, row := range f.Steps {
			on := row.On.parse(fmt.Sprintf("cme.steps.%d.on", i), "Date of the enquiry", &bad)
			q.Steps = append(q.Steps, education.CMEStep{On: on, Step: row.Step, Outcome: row.Outcome})
		}
		rec.CME = &q
	case education.KindEHE:
		q := education.EHE{From: date("from", "Date the council learned of the home education"), School: f.School,
			MeetingOffered: date("meeting_offered", "Date the meeting was offered"), NoticeServed: date("notice_served", "Date the notice was served"),
			OrderMade: date("order_made", "Date the school attendance order was made"), Ended: date("ended", "Date home education ended"),
			EndReason: f.Text[p+"end_reason"]}
		f.Contacts = typedRows(v, "ehe.contacts", "outcome", func(name string) (eheContactRow, bool) {
			row := eheContactRow{On: dateValue(v, name+"on"), Outcome: v.Get(name + "outcome")}
			return row, row.On.Empty() && row.Outcome == ""
		})
		for i, row := range f.Contacts {
			on := row.On.parse(fmt.Sprintf("ehe.contacts.%d.on", i), "Date of the contact", &bad)
			q.Contacts = append(q.Contacts, education.EHEContact{On: on, Outcome: row.Outcome})
		}
		rec.EHE = &q
	case education.KindISAPP:
		rec.ISAPP = &education.ISAPPReferral{Received: date("received", "Date the referral was received"), School: f.School,
			Reason: f.Text[p+"reason"], Panel: date("panel", "Date of the panel"), Decision: f.Text[p+"decision"],
			PreExclusion: date("pre_exclusion", "Date of the pre-exclusion meeting"), Result: f.Text[p+"result"]}
	}
	f.spare()
	return rec, bad
}

// typedRows reads the numbered rows a form posts (prefix.0.probe,
// prefix.1.probe, ... for as long as they are posted) with read, given each
// row's name (prefix.N.). Rows read reports empty are left out and the
// rest numbered again, so that the app's errors (steps[1].on) name the row
// the form shows.
func typedRows[T any](v url.Values, prefix, probe string, read func(name string) (T, bool)) []T {
	var out []T
	for i := 0; v.Has(fmt.Sprintf("%s.%d.%s", prefix, i, probe)); i++ {
		if row, empty := read(fmt.Sprintf("%s.%d.", prefix, i)); !empty {
			out = append(out, row)
		}
	}
	return out
}

// refusedEducation shows the form again with its errors: the boxes that
// did not parse (bad) and the use case's (err). An error on a list as a
// whole (needs, reasons) is shown on its first box.
func (s *Server) refusedEducation(w http.ResponseWriter, f *educationForm, bad errs.Fields, err error) error {
	e := errs.As(err)
	switch {
	case e == nil && len(bad) > 0:
		e = &errs.Error{Code: errs.Invalid, Message: "Check the record's details"}
	case e == nil || e.Code != errs.Invalid:
		return err
	}
	fields := mergeErrors(bad, err)
	p := string(f.Kind) + "."
	for i := range fields {
		// A list's item is needs[0] to the app and needs.0 to the page,
		// whose ids a link's fragment must name without brackets.
		fields[i].Field = strings.NewReplacer("[", ".", "]", "").Replace(fields[i].Field)
		switch fields[i].Field {
		case p + "needs":
			fields[i].Field = p + "needs.0.type"
		case p + "reasons":
			fields[i].Field = p + "reasons.0"
		case "start":
			if f.Kind != education.KindRoll && f.Kind != education.KindSENSupport {
				fields[i].Field = p + map[education.Kind]string{education.KindEHCRequest: "received", education.KindEHCPlan: "issued", education.KindExclusion: "start",
					education.KindCME: "received", education.KindEHE: "from", education.KindISAPP: "received"}[f.Kind]
			}
		}
	}
	f.F.take(&errs.Error{Code: errs.Invalid, Message: e.Message, Fields: fields})
	return s.render(w, http.StatusUnprocessableEntity, "education-form", f)
}

// newEducationPage checks the user may record education at all and reads
// the child (through their education, which also decides the record).
func (s *Server) newEducationPage(r *request) (*educationForm, error) {
	if err := s.require(r, access.WriteEducation, "You do not have permission to record education"); err != nil {
		return nil, err
	}
	id, err := personID(r)
	if err != nil {
		return nil, err
	}
	kind := education.Kind(r.URL.Query().Get("kind"))
	if r.Method == http.MethodPost {
		kind = education.Kind(r.PostForm.Get("kind"))
	}
	if !slices.Contains(formKinds, kind) {
		return nil, errs.E(errs.NotFound, "There is no form for this kind of education record")
	}
	ep, err := s.app.Education(r.Context(), r.actor, id)
	if err != nil {
		return nil, err
	}
	if !ep.CanRecord {
		return nil, errs.E(errs.Forbidden, "You do not have permission to record education for this child")
	}
	return s.educationFormPage(r, ep.Person, education.Record{Kind: kind}), nil
}

func (s *Server) newEducation(w http.ResponseWriter, r *request) error {
	return show(s, "education-form", s.newEducationPage)(w, r)
}

func (s *Server) newEducationPost(w http.ResponseWriter, r *request) error {
	f, err := s.newEducationPage(r)
	if err != nil {
		return err
	}
	base := education.Record{}
	if heldByRecorder[f.Kind] {
		base.WorkerID = r.actor.UserID()
	}
	rec, bad := f.read(r, base)
	if len(bad) > 0 {
		_, err := s.app.CheckEducation(r.Context(), r.actor, f.Person.ID, rec)
		return s.refusedEducation(w, f, bad, err)
	}
	saved, err := s.app.RecordEducation(r.Context(), r.actor, f.Person.ID, rec)
	if err != nil {
		return s.refusedEducation(w, f, bad, err)
	}
	http.Redirect(w, r.Request, educationURL(saved.PersonID, saved.ID)+"?saved=1", http.StatusSeeOther)
	return nil
}

func educationURL(on people.ID, id education.ID) string {
	return "/people/" + strconv.FormatInt(int64(on), 10) + "/education/" + strconv.FormatInt(int64(id), 10)
}

func (s *Server) editEducationPage(r *request) (*educationForm, app.EducationRecordPage, error) {
	if err := s.require(r, access.WriteEducation, "You do not have permission to change education records"); err != nil {
		return nil, app.EducationRecordPage{}, err
	}
	id, rid, err := educationIDs(r)
	if err != nil {
		return nil, app.EducationRecordPage{}, err
	}
	rp, err := s.app.EducationRecord(r.Context(), r.actor, id, rid)
	if err != nil {
		return nil, rp, err
	}
	if !rp.CanChange {
		return nil, rp, errs.E(errs.Forbidden, "You do not have permission to change this record")
	}
	if !slices.Contains(formKinds, rp.Record.Kind) {
		return nil, rp, errs.E(errs.NotFound, "There is no form for this kind of education record yet; change it through the API")
	}
	f := s.educationFormPage(r, rp.Person, rp.Record)
	f.Clocks = rp.Clocks
	return f, rp, nil
}

func (s *Server) editEducation(w http.ResponseWriter, r *request) error {
	f, _, err := s.editEducationPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "education-form", f)
}

// editEducationPost saves a change from the version the form was opened
// at; if someone else has saved since, nothing is saved and the page says
// so, keeping what was typed.
func (s *Server) editEducationPost(w http.ResponseWriter, r *request) error {
	f, rp, err := s.editEducationPage(r)
	if err != nil {
		return err
	}
	v, err := postedVersion(r, 1, "the record", "Open the record and start again")
	if err != nil {
		return err
	}
	base := rp.Record
	base.Version = v
	f.Version = v
	rec, bad := f.read(r, base)
	if len(bad) > 0 {
		_, err := s.app.CheckEducation(r.Context(), r.actor, f.Person.ID, rec)
		return s.refusedEducation(w, f, bad, err)
	}
	saved, err := s.app.ChangeEducation(r.Context(), r.actor, f.Person.ID, rec, f.Reason)
	switch {
	case err == nil:
		http.Redirect(w, r.Request, educationURL(saved.PersonID, saved.ID)+"?saved=1", http.StatusSeeOther)
		return nil
	case staleVersion(err):
		f.Conflict, f.Version = true, rp.Record.Version
		f.Title = "Someone else has changed this record"
		return s.render(w, http.StatusConflict, "education-form", f)
	}
	return s.refusedEducation(w, f, bad, err)
}

// virtualSchoolForm is the administrator's page naming the Virtual
// School's team, to which a suspension or exclusion of a child known to
// social care is flagged.
func (s *Server) virtualSchoolForm() namedTeamForm {
	return namedTeamForm{path: "/admin/virtual-school", template: "virtual-school", title: "Virtual School",
		conflictTitle: "Someone else has named the Virtual School", denied: "You do not have permission to name the Virtual School",
		read: s.app.VirtualSchoolSetting, set: s.app.SetVirtualSchool}
}
