package web

import (
	"context"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/httpx"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The CME module: the public form for telling the council about a child
// who may be missing education (no account, no session), the CME team's
// queue of what it receives, and the administrator's page naming the CME
// team.

// CMEFormPath is the public form's address.
const CMEFormPath = "/report-child-missing-education"

func (s *Server) cmeModule() module {
	return module{
		name: "cme",
		routes: []route{
			publicRoute("GET", CMEFormPath, s.public(s.cmeForm)),
			publicRoute("POST", CMEFormPath, s.public(s.cmeFormPost)),
			signedInRoute("GET", "/cme", "cme", show(s, "cme-queue", s.cmeQueuePage)),
			signedInRoute("GET", "/cme/{id}", "cme", s.cmeReferral),
			signedInRoute("POST", "/cme/{id}/match", "cme", s.cmeMatch),
			signedInRoute("POST", "/cme/{id}/close", "cme", s.cmeClose),
			signedInRoute("GET", "/admin/cme-team", "admin", s.showNamedTeam(s.cmeTeamForm())),
			signedInRoute("POST", "/admin/cme-team", "admin", s.postNamedTeam(s.cmeTeamForm())),
		},
		nav: []navLink{
			// Only the CME team's members see the link; the page decides again.
			{key: "cme", label: "Children missing education", href: "/cme", action: access.ReadOwn,
				show: func(p access.Principal) bool { return s.app.InCMETeam(context.Background(), p) }},
		},
		dateFields: []string{"date_of_birth"},
		kinds:      map[store.Kind]string{store.KindCMEReferral: "CME referral"},
		funcs: template.FuncMap{
			"referrerType": education.ReferrerTypes.Label,
			"closeReason":  education.ReferralCloseReasons.Label,
			"cmeStatus":    education.ReferralStatuses.Label,
			"waited":       waited,
			"lines":        func(s string) []string { return strings.Split(s, "\n") },
		},
	}
}

// waited says how long ago a referral was received, as the queue shows
// it: minutes under an hour, hours under two days, then days.
func waited(then, now time.Time) string {
	d := now.Sub(then)
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return strconv.Itoa(n) + " " + unit + "s"
	}
	switch {
	case d < time.Hour:
		return plural(max(int(d/time.Minute), 0), "minute")
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour")
	}
	return plural(int(d/(24*time.Hour)), "day")
}

// cmeSendField is the id of the form's Send button, to which the error of
// a post over the rate limit links: it is no one field's fault.
const cmeSendField = "send"

// cmeFormView is the public form: what was typed (shown back with its
// errors), the token and, once sent, the reference.
type cmeFormView struct {
	Page
	F         *form
	R         education.CMEReferral
	DOB       DateValue
	Token     string
	Reference string
	Action    string
	Types     people.CodeList
}

func (s *Server) newCMEFormView() *cmeFormView {
	p := &cmeFormView{Page: Page{Title: "Tell us about a child who may be missing education"}, Action: CMEFormPath, Types: education.ReferrerTypes}
	p.F = newForm(&p.Page)
	return p
}

func (s *Server) cmeForm(w http.ResponseWriter, r *http.Request) error {
	p := s.newCMEFormView()
	tok, err := s.app.CMEFormToken(r.Context())
	if err != nil {
		return err
	}
	p.Token = tok
	return s.render(w, http.StatusOK, "cme-form", p)
}

// cmeFormPost receives the public form. The body is capped as every
// form's is (413 past it); the use case counts the post against the rate
// limits, checks the token and the honeypot, and keeps the referral; the
// answer page is the same whatever was typed about the child.
func (s *Server) cmeFormPost(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	p := s.newCMEFormView()
	p.Token = f.Get("form_token")
	p.R = education.CMEReferral{
		ChildGivenName: f.Get("child_given_name"), ChildFamilyName: f.Get("child_family_name"), ChildOtherNames: f.Get("child_other_names"),
		Address: f.Get("address"), Postcode: f.Get("postcode"), School: f.Get("school"), Concern: f.Get("concern"),
		ReferrerName: f.Get("referrer_name"), ReferrerType: f.Get("referrer_type"), ReferrerRole: f.Get("referrer_role"),
		Email: f.Get("email"), Phone: f.Get("phone"),
	}
	p.DOB = dateValue(f, "date_of_birth")
	var unread errs.Fields
	p.R.DateOfBirth = p.DOB.parse("date_of_birth", "Date of birth", &unread)
	ref, err := s.app.SubmitCMEReferral(r.Context(), httpx.RemoteAddr(r), r.Pattern, app.CMESubmission{
		Referral: p.R, Token: p.Token, Honeypot: f.Get("website"), Unread: unread,
	})
	if err != nil {
		if errs.Is(err, errs.TooMany) {
			// The form comes back as it was typed, so that a referrer
			// held back by the limit (a school office sending several
			// children's) loses nothing and need only send it again.
			w.Header().Set("Retry-After", strconv.Itoa(int(app.CMEAddressEvery.Seconds())))
			p.Errors = []errs.Field{{Field: cmeSendField, Message: errs.As(err).Message}}
			return s.render(w, http.StatusTooManyRequests, "cme-form", p)
		}
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "cme-form", p)
	}
	sent := &cmeFormView{Page: Page{Title: "Your referral has been sent"}, Reference: ref}
	return s.render(w, http.StatusOK, "cme-sent", sent)
}

// cmeQueueView is the CME team's queue.
type cmeQueueView struct {
	Page
	app.CMEQueue
}

func (s *Server) cmeQueuePage(r *request) (cmeQueueView, error) {
	q, err := s.app.CMEReferrals(r.Context(), r.actor)
	if err != nil {
		return cmeQueueView{}, err
	}
	p := cmeQueueView{Page: r.page, CMEQueue: q}
	p.Title = "Children missing education: referrals"
	return p, nil
}

// cmeReferralView is one referral, with the forms to find and match the
// child and to close it.
type cmeReferralView struct {
	Page
	app.CMEReferralPage
	F *form
	// Find the child: the search's terms and result.
	Name, Postcode string
	DOB            DateValue
	Searched       bool
	Paused         string
	Result         app.SearchResult
	// What was typed into the match and close forms.
	PersonID, Added, CloseReason, Reason string
	CloseReasons                         people.CodeList
	Conflict                             bool
	History                              []store.Version[education.CMEReferral] // newest first
}

func (s *Server) cmeReferralPage(r *request) (*cmeReferralView, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, errs.E(errs.NotFound, "There is nothing here that you can see")
	}
	rp, err := s.app.CMEReferral(r.Context(), r.actor, education.CMEReferralID(id))
	if err != nil {
		return nil, err
	}
	p := &cmeReferralView{Page: r.page, CMEReferralPage: rp, CloseReasons: education.ReferralCloseReasons}
	p.Title = "CME referral " + rp.Referral.Reference
	p.F = newForm(&p.Page)
	p.History = slices.Clone(rp.History)
	slices.Reverse(p.History)
	if rp.Referral.PersonID != 0 {
		p.PersonID = strconv.FormatInt(int64(rp.Referral.PersonID), 10)
	}
	return p, nil
}

// cmeReferral shows a referral and, when the officer searched for the
// child from it, the search's result: the app's search, so the officer
// sees only whom they could find on the search page.
func (s *Server) cmeReferral(w http.ResponseWriter, r *request) error {
	p, err := s.cmeReferralPage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p.Name, p.Postcode, p.DOB = q.Get("name"), q.Get("postcode"), dateValue(q, "date_of_birth")
	p.Searched = q.Has("name") || q.Has("postcode") || !p.DOB.Empty()
	if !p.Searched {
		return s.render(w, http.StatusOK, "cme-referral", p)
	}
	var bad errs.Fields
	dob := p.DOB.parse("date_of_birth", "Date of birth", &bad)
	if len(bad) > 0 {
		p.Errors = bad
		return s.render(w, http.StatusUnprocessableEntity, "cme-referral", p)
	}
	res, err := s.app.SearchPeople(r.Context(), r.actor, store.PersonQuery{Name: p.Name, DateOfBirth: dob, Postcode: p.Postcode})
	switch {
	case errs.Is(err, errs.TooMany):
		p.Paused = errs.As(err).Message
		return s.renderPaused(w, "cme-referral", p)
	case errs.Is(err, errs.Forbidden):
		p.Paused = "Your role does not allow searching the register. Ask someone who can to find the child's id."
		return s.render(w, http.StatusOK, "cme-referral", p)
	case err != nil:
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "cme-referral", p)
	}
	p.Result = res
	return s.render(w, http.StatusOK, "cme-referral", p)
}

// cmeMatch matches the referral to a child, from the version the page was
// opened at.
func (s *Server) cmeMatch(w http.ResponseWriter, r *request) error {
	p, err := s.cmeReferralPage(r)
	if err != nil {
		return err
	}
	v, err := postedVersion(r, 1, "the referral", "Open the referral and start again")
	if err != nil {
		return err
	}
	p.PersonID, p.Added, p.Reason = strings.TrimSpace(r.PostForm.Get("person_id")), r.PostForm.Get("added"), r.PostForm.Get("reason")
	person, _ := strconv.ParseInt(p.PersonID, 10, 64) // not a number: no person, which the use case refuses
	err = s.app.MatchCMEReferral(r.Context(), r.actor, p.Referral.ID, v, people.ID(person), p.Added == "yes", p.Reason)
	return s.afterCMEChange(w, r, p, err)
}

// cmeClose closes the referral with a reason.
func (s *Server) cmeClose(w http.ResponseWriter, r *request) error {
	p, err := s.cmeReferralPage(r)
	if err != nil {
		return err
	}
	v, err := postedVersion(r, 1, "the referral", "Open the referral and start again")
	if err != nil {
		return err
	}
	p.CloseReason, p.Reason = r.PostForm.Get("close_reason"), r.PostForm.Get("close_reason_text")
	err = s.app.CloseCMEReferral(r.Context(), r.actor, p.Referral.ID, v, p.CloseReason, p.Reason)
	return s.afterCMEChange(w, r, p.closeErrors(err), err)
}

// closeErrors names the close form's reason box, which is apart from the
// match form's.
func (p *cmeReferralView) closeErrors(err error) *cmeReferralView {
	if e := errs.As(err); e != nil {
		for i := range e.Fields {
			if e.Fields[i].Field == "reason" {
				e.Fields[i].Field = "close_reason_text"
			}
		}
	}
	return p
}

func (s *Server) afterCMEChange(w http.ResponseWriter, r *request, p *cmeReferralView, err error) error {
	switch {
	case err == nil:
		http.Redirect(w, r.Request, "/cme/"+strconv.FormatInt(int64(p.Referral.ID), 10), http.StatusSeeOther)
		return nil
	case staleVersion(err):
		p.Conflict = true
		p.Title = "Someone else has changed this referral"
		return s.render(w, http.StatusConflict, "cme-referral", p)
	case p.F.take(err):
		return s.render(w, http.StatusUnprocessableEntity, "cme-referral", p)
	}
	return err
}

// cmeTeamForm is the administrator's page naming the CME team.
func (s *Server) cmeTeamForm() namedTeamForm {
	return namedTeamForm{path: "/admin/cme-team", template: "cme-team", title: "Children missing education team",
		conflictTitle: "Someone else has named the CME team", denied: "You do not have permission to name the CME team",
		read: s.app.CMETeamSetting, set: s.app.SetCMETeam}
}
