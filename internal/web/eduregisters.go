package web

import (
	"net/http"
	"strconv"

	"hearth/internal/app"
	"hearth/internal/education"
	"hearth/internal/errs"
)

// Education's registers, part of the education module: a team's home
// education register, its CME enquiries running and its lost pupils, each
// a page of registerPerPage children and a CSV of them all.

// registerPerPage is how many children a page of a register shows, as a
// team's work list does.
const registerPerPage = teamPerPage

// Where the registers are.
const (
	eheRegisterPath = "/education/home-education"
	cmeListPath     = "/education/missing-education"
	lostPupilsPath  = "/education/lost-pupils"
)

type eheRegisterView struct {
	Page
	app.EHERegister
	// Contact is the filter asked for: "yes" the children whose families
	// were reached in the last 12 months, "no" the others, "" all.
	Contact string
	Shown   []app.EHERow
	Pager   pager
}

// eheRegister is the home education register, or its CSV.
func (s *Server) eheRegister(w http.ResponseWriter, r *request) error {
	reg, err := s.app.HomeEducationRegister(r.Context(), r.actor)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := eheRegisterView{Page: r.page, EHERegister: reg}
	rows := reg.Rows
	switch p.Contact = q.Get("contact"); p.Contact {
	case "":
	case "yes", "no":
		rows = nil
		for _, row := range reg.Rows {
			if row.InContact == (p.Contact == "yes") {
				rows = append(rows, row)
			}
		}
	default:
		return errs.E(errs.NotFound, "There is no such filter of the register: choose yes or no")
	}
	if done, err := registerCSV(w, q.Get("format"), "home-education-register-"+reg.At.String(), eheRecords(rows)); done {
		return err
	}
	p.Shown, p.Pager = pageOfList(rows, q, "page", registerPerPage, "children")
	p.Title = "Elective home education register"
	return s.render(w, http.StatusOK, "ehe-register", p)
}

// eheRecords are the register's rows as a CSV's, with its header.
func eheRecords(rows []app.EHERow) [][]string {
	out := [][]string{{"person_id", "family_name", "given_name", "date_of_birth", "from", "last_contact", "last_contact_outcome", "contact_due", "contact_overdue", "in_contact_12_months"}}
	for _, r := range rows {
		out = append(out, []string{strconv.FormatInt(int64(r.Person.ID), 10), r.Person.FamilyName, r.Person.GivenName, r.Person.DateOfBirth.String(),
			r.From.String(), r.Last.On.String(), education.EHEOutcomes.Label(r.Last.Outcome), r.ContactDue.String(), yesNo(r.Overdue), yesNo(r.InContact)})
	}
	return out
}

type cmeListView struct {
	Page
	app.CMEList
	Lost  bool
	Shown []app.CMERow
	Pager pager
}

// cmeList is the team's CME enquiries running, or its CSV.
func (s *Server) cmeList(w http.ResponseWriter, r *request) error {
	l, err := s.app.OpenCMEEnquiries(r.Context(), r.actor)
	if err != nil {
		return err
	}
	return s.showCMEList(w, r, l, false)
}

// lostPupils is the team's lost pupils, or their CSV.
func (s *Server) lostPupils(w http.ResponseWriter, r *request) error {
	l, err := s.app.LostPupils(r.Context(), r.actor)
	if err != nil {
		return err
	}
	return s.showCMEList(w, r, l, true)
}

func (s *Server) showCMEList(w http.ResponseWriter, r *request, l app.CMEList, lost bool) error {
	q := r.URL.Query()
	name, title := "cme-enquiries-", "Children missing education: enquiries"
	if lost {
		name, title = "lost-pupils-", "Lost pupils"
	}
	if done, err := registerCSV(w, q.Get("format"), name+l.At.String(), cmeRecords(l.Rows, lost)); done {
		return err
	}
	p := cmeListView{Page: r.page, CMEList: l, Lost: lost}
	p.Shown, p.Pager = pageOfList(l.Rows, q, "page", registerPerPage, "children")
	p.Title = title
	return s.render(w, http.StatusOK, "cme-list", p)
}

// cmeRecords are a CME list's rows as a CSV's, with its header.
func cmeRecords(rows []app.CMERow, lost bool) [][]string {
	head := []string{"person_id", "family_name", "given_name", "date_of_birth", "received", "source", "enquiries_made", "tracked_until"}
	if lost {
		head = append(head, "added_to_lost_pupils")
	} else {
		head = append(head, "overdue")
	}
	out := [][]string{head}
	for _, r := range rows {
		row := []string{strconv.FormatInt(int64(r.Person.ID), 10), r.Person.FamilyName, r.Person.GivenName, r.Person.DateOfBirth.String(),
			r.Received.String(), education.CMESources.Label(r.Source), strconv.Itoa(r.Steps), r.TrackedUntil.String()}
		if lost {
			row = append(row, r.Closed.String())
		} else {
			row = append(row, yesNo(r.Overdue))
		}
		out = append(out, row)
	}
	return out
}

// registerCSV writes records as a CSV named name when format is "csv",
// reporting that it did; any other format but none is not found.
func registerCSV(w http.ResponseWriter, format, name string, records [][]string) (bool, error) {
	switch format {
	case "":
		return false, nil
	case "csv":
		return true, writeCSV(w, name, records)
	}
	return true, errs.E(errs.NotFound, "There is no download of this kind: choose csv")
}
