package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// A child in care's pages: the placements on their journey page, and the
// move of placement, recorded as one action (app.MovePlacement) on its own
// page rather than as two records through the journey's form. Its template
// is templates/journey/placement-move.html.

func movePath(id people.ID) string {
	return "/people/" + strconv.FormatInt(int64(id), 10) + "/placement-move"
}

// placementRow is one placement as the journey page's timeline shows it.
type placementRow struct {
	From, To string // To is empty while the child is there
	Type     string
	Provider string
	Postcode string // "Not shown" when the app gives none
	Reason   string // why the child moved there, or that it began a period of care
}

// placementsView is the journey page's placements: newest first, as the
// chronology is by default, and the moves of the last 12 months.
type placementsView struct {
	Rows  []placementRow
	Moves string // "2 moves of placement in the last 12 months"
	// CanMove says the user may record a move: the child is in care now and
	// the user may record on their journey.
	CanMove bool
}

// placementsOf is the child's placements on day today, or nil when the
// child has never had an episode of care.
func placementsOf(jp app.JourneyPage, today civil.Date) *placementsView {
	ps := journey.Placements(jp.Records)
	if len(ps) == 0 {
		return nil
	}
	v := &placementsView{Moves: movesIn12Months(journey.MovesIn12Months(jp.Records, today))}
	for i, p := range slices.Backward(ps) {
		r := placementRow{From: p.Start.Format(), Type: codeLabel(care.PlacementTypes, p.Type), Provider: codeLabel(care.Providers, p.Provider),
			Postcode: p.Postcode}
		if !p.End.IsZero() {
			r.To = p.End.Format()
		}
		if r.Postcode == "" {
			r.Postcode = "Not shown"
		}
		switch {
		case i == 0 || ps[i-1].Period != p.Period:
			r.Reason = "Start of a period of care"
		case p.Reason != "":
			r.Reason = care.PlaceChangeReasons.Label(p.Reason)
		default:
			r.Reason = "Not recorded"
		}
		v.Rows = append(v.Rows, r)
	}
	_, open := journey.CurrentEpisode(jp.Records)
	v.CanMove = open && jp.CanRecordCare
	return v
}

// movesIn12Months says the count of moves in words.
func movesIn12Months(n int) string {
	if n == 1 {
		return "1 move of placement in the last 12 months"
	}
	return strconv.Itoa(n) + " moves of placement in the last 12 months"
}

// moveView is the page that records a move of placement: the placement
// the child is in now, and the form for the next, as typed.
type moveView struct {
	Page
	Person   people.Person
	Current  journey.Record
	Since    string
	Conflict bool // someone changed the current episode after the page was opened
	F        *form

	Episode, Version                              string
	Date                                          DateValue
	Placement, Provider, Postcode, URN, Household string
	SameCarers, LegalChanges, LegalStatus, Reason string
	Placements, Providers, Reasons, LegalStatuses people.CodeList
}

// movePage reads the child for a user who may record on their journey, and
// their current episode of care: a child not in care has no move to record.
func (s *Server) movePage(r *request) (*moveView, error) {
	// Only those who may know where the child lives record a move; the
	// child is not read for anyone else.
	if err := s.app.Require(r.Context(), r.actor, access.ReadPlacementAddress); err != nil {
		return nil, err
	}
	jp, err := s.openForNew(r)
	if err != nil {
		return nil, err
	}
	cur, ok := journey.CurrentEpisode(jp.Records)
	if !ok {
		return nil, errs.E(errs.NotFound, "The child is not in care: record an episode of care on their journey first")
	}
	p := &moveView{Page: r.page, Person: jp.Person, Current: cur, Since: cur.Start.Format(),
		Episode: strconv.FormatInt(int64(cur.ID), 10), Version: strconv.Itoa(cur.Version),
		Placements: care.PlacementTypes, Providers: care.Providers, Reasons: care.PlaceChangeReasons, LegalStatuses: care.LegalStatuses}
	p.Title = "Record a move of placement for " + jp.Person.FullName()
	p.F = newForm(&p.Page)
	return p, nil
}

// placementMove is the form for a move of placement, dated today.
func (s *Server) placementMove(w http.ResponseWriter, r *request) error {
	p, err := s.movePage(r)
	if err != nil {
		return err
	}
	p.Date = dateValueOf(s.app.Today())
	return s.render(w, http.StatusOK, "placement-move", p)
}

// placementMovePost records the move and goes to the child's journey; a
// refused move shows the form again as typed, with its errors, having
// written nothing.
func (s *Server) placementMovePost(w http.ResponseWriter, r *request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	m, bad := moveOf(f)
	// The move first: the page is read (and logged) only when it has to be
	// drawn again.
	if len(bad) == 0 {
		_, _, err = s.app.MovePlacement(r.Context(), r.actor, id, m)
		if err == nil {
			http.Redirect(w, r.Request, journeyPath(id)+"?moved=1", http.StatusSeeOther)
			return nil
		}
		if !errs.Is(err, errs.Invalid) && !errs.Is(err, errs.Conflict) {
			return err
		}
	}
	p, perr := s.movePage(r)
	if perr != nil {
		return perr
	}
	status := http.StatusUnprocessableEntity
	if errs.Is(err, errs.Conflict) {
		// The form keeps what was typed, against the episode as it now
		// stands (the page's own episode and version), to send again.
		p.Conflict, status, err = true, http.StatusConflict, nil
	} else {
		p.Episode, p.Version = f.Get("episode"), f.Get("version")
	}
	p.Date = dateValue(f, "date")
	p.Placement, p.Provider, p.Postcode, p.URN, p.Household = f.Get("placement"), f.Get("provider"), f.Get("postcode"), f.Get("urn"), f.Get("household")
	p.SameCarers, p.LegalChanges, p.LegalStatus, p.Reason = f.Get("same_carers"), f.Get("legal_change"), f.Get("legal_status"), f.Get("reason")
	p.Errors = mergeErrors(bad, err)
	return s.render(w, status, "placement-move", p)
}

// moveOf reads the move from its form. What the move cannot hold (a date
// that is not one, a household that is not a number) and the questions not
// answered are reported here; every other rule is the app's.
func moveOf(f url.Values) (app.PlacementMove, errs.Fields) {
	var bad errs.Fields
	g := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	ep, _ := strconv.ParseInt(g("episode"), 10, 64)
	ver, _ := strconv.Atoi(g("version"))
	m := app.PlacementMove{Episode: journey.ID(ep), Version: ver, Placement: g("placement"), Provider: g("provider"),
		Postcode: g("postcode"), URN: g("urn"), Reason: g("reason"), SameCarers: g("same_carers") == "yes"}
	dv := dateValue(f, "date")
	m.Date = dv.parse("date", "Date of the move", &bad)
	if dv.Empty() {
		bad.Add("date", "Enter the date of the move")
	}
	if g("placement") == "" {
		bad.Add("placement", "Choose the new placement type")
	}
	if h := g("household"); h != "" {
		n, err := strconv.ParseInt(h, 10, 64)
		if err != nil || n <= 0 {
			bad.Add("household", "Foster household's register number must be a whole number")
		}
		m.Household = care.HouseholdID(n)
	}
	if g("same_carers") == "" {
		bad.Add("same_carers", "Say whether the child stays with the same carers")
	}
	if g("reason") == "" {
		bad.Add("reason", "Choose the reason for the move")
	}
	switch g("legal_change") {
	case "yes":
		m.LegalStatus = g("legal_status")
		if m.LegalStatus == "" {
			bad.Add("legal_status", "Choose the new legal status")
		}
	case "no":
	default:
		bad.Add("legal_change", "Say whether the legal status changes too")
	}
	return m, bad
}
