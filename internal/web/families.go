package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// Supporting Families: the year's progress against the target with the
// claims the reader may see, the export for the government's claim, and a
// family's claims through its main child (the claim, its history, the
// forms that make and change it and the move of its status). A claim is
// children's data: its pages are pages of the child's record, allowed and
// logged as the application decides (app/claims.go).

func (s *Server) familiesModule() module {
	return module{
		name: "families",
		routes: []route{
			signedInRoute("GET", "/programme/families", "programme", s.families),
			signedInRoute("GET", "/programme/families/export", "programme", s.familiesExport),
			signedInRoute("GET", "/people/{id}/claims/new", "people", s.newClaim),
			signedInRoute("POST", "/people/{id}/claims/new", "people", s.claimPost),
			signedInRoute("GET", "/people/{id}/claims/{claim}", "people", s.claim),
			signedInRoute("GET", "/people/{id}/claims/{claim}/edit", "people", s.editClaim),
			signedInRoute("POST", "/people/{id}/claims/{claim}/edit", "people", s.claimPost),
			signedInRoute("POST", "/people/{id}/claims/{claim}/status", "people", s.claimStatusPost),
		},
		funcs: template.FuncMap{
			"claimStatus":  claimStatusLabel,
			"claimTag":     claimTag,
			"problemLabel": func(c string) string { return codeLabel(journey.FamilyProblems, c) },
			"hasProblem":   func(ss []string, s string) bool { return slices.Contains(ss, s) },
			"closureLabel": func(c string) string { return codeLabel(journey.EarlyHelpClosures, c) },
		},
		dateFields: []string{"opens", "closes", "on"},
		kinds:      map[store.Kind]string{store.KindClaim: "Supporting Families claim"},
	}
}

func claimStatusLabel(c programme.ClaimStatus) string {
	return codeLabel(programme.ClaimStatuses, string(c))
}

// claimTag is the GOV.UK tag colour of a claim's status.
func claimTag(c programme.ClaimStatus) string {
	switch c {
	case programme.ClaimPaid:
		return "govuk-tag--green"
	case programme.ClaimRejected:
		return "govuk-tag--red"
	case programme.ClaimSubmitted:
		return "govuk-tag--blue"
	case programme.ClaimChecked:
		return "govuk-tag--yellow"
	}
	return "govuk-tag--grey"
}

// familiesYear reads the year a page asks for: this financial year unless
// it names one.
func (s *Server) familiesYear(r *request) (programme.Year, error) {
	q := r.URL.Query().Get("year")
	if q == "" {
		return programme.YearOf(s.app.Today()), nil
	}
	y, err := programme.ParseYear(q)
	if err != nil {
		var f errs.Fields
		f.Add("year", "Enter the financial year as 2022-23")
		return 0, f.Err()
	}
	return y, nil
}

type familiesView struct {
	app.FamiliesPage
	Page
	Prev, Next programme.Year
	// Percent is the paid claims as a share of the target, 0 to 100.
	Percent int
}

func (s *Server) families(w http.ResponseWriter, r *request) error {
	y, err := s.familiesYear(r)
	if err != nil {
		return err
	}
	fp, err := s.app.Families(r.Context(), r.actor, y)
	if err != nil {
		return err
	}
	p := &familiesView{FamiliesPage: fp, Page: r.page, Prev: y - 1, Next: y + 1}
	if t := fp.Progress.Target; t > 0 {
		p.Percent = min(100, fp.Progress.Paid*100/t)
	}
	p.Title = "Supporting Families " + y.String()
	return s.render(w, http.StatusOK, "families", p)
}

// familiesExport sends the year's claims for the government's claim as a
// CSV file or a workbook.
func (s *Server) familiesExport(w http.ResponseWriter, r *request) error {
	y, err := s.familiesYear(r)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "xlsx" {
		return errs.E(errs.NotFound, "There is no download of this kind: choose csv or xlsx")
	}
	x, err := s.app.ExportClaims(r.Context(), r.actor, y)
	if err != nil {
		return err
	}
	name := "supporting-families-claims-" + y.String()
	if format == "xlsx" {
		_, err := s.download(w, format, name, x.Document())
		return err
	}
	return writeCSV(w, name, x.Records())
}

// claimNum is the claim's id in the path.
func claimNum(r *request) (programme.ClaimID, error) {
	id, err := strconv.ParseInt(r.PathValue("claim"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "There is no claim with this id for this child")
	}
	return programme.ClaimID(id), nil
}

type claimView struct {
	app.ClaimPage
	Page
	F      *form
	To, Re string
	On     DateValue
}

func (s *Server) claimPage(r *request) (*claimView, error) {
	on, err := personID(r)
	if err != nil {
		return nil, err
	}
	id, err := claimNum(r)
	if err != nil {
		return nil, err
	}
	cp, err := s.app.Claim(r.Context(), r.actor, on, id)
	if err != nil {
		return nil, err
	}
	p := &claimView{ClaimPage: cp, Page: r.page}
	p.F = newForm(&p.Page)
	p.Title = "Claim " + cp.Claim.Family
	return p, nil
}

func (s *Server) claim(w http.ResponseWriter, r *request) error {
	p, err := s.claimPage(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = "Claim saved"
	}
	return s.render(w, http.StatusOK, "claim", p)
}

func (s *Server) claimStatusPost(w http.ResponseWriter, r *request) error {
	p, err := s.claimPage(r)
	if err != nil {
		return err
	}
	v, err := postedVersion(r, 1, "the claim", "Open the claim and start again")
	if err != nil {
		return err
	}
	f := r.PostForm
	p.To, p.Re, p.On = f.Get("to"), f.Get("reason"), dateValue(f, "on")
	var bad errs.Fields
	m := app.ClaimMove{Version: v, To: programme.ClaimStatus(p.To), Reason: p.Re, On: p.On.parse("on", "Date", &bad)}
	order := []string{"to", "on", "reason"}
	if len(bad) > 0 {
		return s.formError(w, &p.Page, "claim", p, order, bad, nil)
	}
	_, err = s.app.MoveClaim(r.Context(), r.actor, p.Person.ID, p.Claim.ID, m)
	if err == nil {
		http.Redirect(w, r.Request, fmt.Sprintf("/people/%d/claims/%d?saved=1", p.Person.ID, p.Claim.ID), http.StatusSeeOther)
		return nil
	}
	if errs.Is(err, errs.Conflict) {
		p.Title = "Someone else has changed this claim: check it and move it again"
		return s.render(w, http.StatusConflict, "claim", p)
	}
	return s.formError(w, &p.Page, "claim", p, order, nil, err)
}

type claimForm struct {
	Page
	F                *form
	Person           people.Person
	ID               programme.ClaimID
	Version          int
	Family, Evidence string
	Reason           string
	Problems         []string
	Opens, Closes    DateValue
	ProblemList      people.CodeList
	Status           programme.ClaimStatus
	Episode          *journey.Record // the family's early help (app.ClaimsPage.Family)
	cur              programme.Claim
}

func (s *Server) claimFormPage(r *request) (*claimForm, error) {
	on, err := personID(r)
	if err != nil {
		return nil, err
	}
	var cur programme.Claim
	var child people.Person
	var family *journey.Record
	if r.PathValue("claim") != "" {
		id, err := claimNum(r)
		if err != nil {
			return nil, err
		}
		cp, err := s.app.Claim(r.Context(), r.actor, on, id)
		if err != nil {
			return nil, err
		}
		cur, child, family = cp.Claim, cp.Person, cp.Family
		if !cp.MayChange {
			return nil, errs.E(errs.Forbidden, "You may read this family's claims but not change them")
		}
	} else {
		cp, err := s.app.FamilyClaims(r.Context(), r.actor, on)
		if err != nil {
			return nil, err
		}
		if !cp.MayChange {
			return nil, errs.E(errs.Forbidden, "You may read this family's claims but not make them")
		}
		child, family = cp.Person, cp.Family
		cur = programme.Claim{Person: on, Status: programme.ClaimDraft}
		// A new claim starts from the problems the family's early help
		// recorded.
		if family != nil {
			cur.Problems = slices.Clone(family.EarlyHelp.Problems)
		}
	}
	p := &claimForm{Page: r.page, Person: child, ID: cur.ID, Version: cur.Version, Family: cur.Family, Evidence: cur.Evidence,
		Problems: cur.Problems, Opens: dateValueOf(cur.Window.Opens), Closes: dateValueOf(cur.Window.Closes),
		ProblemList: journey.FamilyProblems, Status: cur.Status, Episode: family, cur: cur}
	p.F = newForm(&p.Page)
	p.Title = "Make a Supporting Families claim"
	if cur.ID != 0 {
		p.Title = "Change claim " + cur.Family
	}
	return p, nil
}

func (s *Server) newClaim(w http.ResponseWriter, r *request) error {
	return show(s, "claim-form", s.claimFormPage)(w, r)
}

func (s *Server) editClaim(w http.ResponseWriter, r *request) error {
	return show(s, "claim-form", s.claimFormPage)(w, r)
}

func (s *Server) claimPost(w http.ResponseWriter, r *request) error {
	p, err := s.claimFormPage(r)
	if err != nil {
		return err
	}
	if p.ID != 0 {
		if p.Version, err = postedVersion(r, 1, "the claim", "Open the claim and start again"); err != nil {
			return err
		}
	}
	f := r.PostForm
	p.Family, p.Evidence, p.Reason, p.Problems = strings.TrimSpace(f.Get("family")), f.Get("evidence"), f.Get("reason"), f["problems"]
	p.Opens, p.Closes = dateValue(f, "opens"), dateValue(f, "closes")
	var bad errs.Fields
	c := p.cur
	c.Version, c.Family, c.Evidence, c.Problems = p.Version, p.Family, p.Evidence, p.Problems
	c.Window = programme.Window{Opens: p.Opens.parse("opens", "Window opens", &bad), Closes: p.Closes.parse("closes", "Window closes", &bad)}
	order := []string{"family", "opens", "closes", "problems", "evidence", "reason"}
	if len(bad) > 0 {
		return s.formError(w, &p.Page, "claim-form", p, order, bad, nil)
	}
	saved, err := s.app.SaveClaim(r.Context(), r.actor, c, p.Reason)
	if err == nil {
		http.Redirect(w, r.Request, fmt.Sprintf("/people/%d/claims/%d?saved=1", saved.Person, saved.ID), http.StatusSeeOther)
		return nil
	}
	if staleVersion(err) {
		p.Title, p.Version = "Someone else has changed this claim: check it and save again", p.cur.Version
		return s.render(w, http.StatusConflict, "claim-form", p)
	}
	// The claim's rules name its window's days and each problem; the form
	// draws the window as two dates and the problems as one group.
	if e := errs.As(err); e != nil {
		for i, fe := range e.Fields {
			switch {
			case fe.Field == "window.opens":
				e.Fields[i].Field = "opens"
			case fe.Field == "window.closes":
				e.Fields[i].Field = "closes"
			case strings.HasPrefix(fe.Field, "problems["):
				e.Fields[i].Field = "problems"
			}
		}
	}
	return s.formError(w, &p.Page, "claim-form", p, order, nil, err)
}

// personClaims is what the child's page shows of its family's claims,
// labelled here because the page belongs to the people module.
type personClaims struct {
	Rows      []personClaim
	MayChange bool
	Shown     bool
}

type personClaim struct {
	programme.Claim
	Label, Tag string
}

// claimsOnPage is what the child's page shows of the claims its read
// brought (app.PersonPage.Claims): shown to those who may read the child,
// as the page's other parts are, with the link to make one for those who
// may change the record.
func claimsOnPage(pp app.PersonPage) personClaims {
	out := personClaims{MayChange: pp.CanEdit, Shown: true}
	for _, c := range pp.Claims {
		out.Rows = append(out.Rows, personClaim{Claim: c, Label: claimStatusLabel(c.Status), Tag: claimTag(c.Status)})
	}
	return out
}
