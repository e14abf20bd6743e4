package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// careEpisodes is how many episodes of care the long care history has: a
// child moved every six weeks or so for four and a half years.
const careEpisodes = 40

// runCare measures the pages and rules of children in care: the daily
// briefing as the demo partner sees it, the journey page (with its
// placement timeline) of a child with careEpisodes episodes of care, and
// the due work of every child in care computed from their whole journeys.
func runCare(ctx context.Context, a *app.App, st store.Store, client *http.Client, base string, cfg Config, out io.Writer,
	measure func(secrets []string, url func(i, w int) string) result) error {
	if cfg.runs("care-due") {
		if err := dueInCare(ctx, a, st, out); err != nil {
			return err
		}
	}
	if cfg.runs("briefing") {
		if err := briefing(ctx, a, st, client, base, cfg, out, measure); err != nil {
			return err
		}
	}
	if !cfg.runs("care-journey") {
		return nil
	}
	// The journey page of a child with a long care history, read by analysts.
	child, records, err := longCare(ctx, st, a.Today())
	if err != nil {
		return err
	}
	analysts, err := sessions(ctx, a, demo.DemoUsername(access.Analyst), cfg.Users)
	if err != nil {
		return err
	}
	res := measure(analysts, func(_, _ int) string {
		return base + "/people/" + strconv.FormatInt(int64(child), 10) + "/journey"
	})
	report(out, fmt.Sprintf("Journey page of a child with %d episodes of care (%d records), %d users, %s between pages", careEpisodes, records, len(analysts), cfg.Think), res)
	return nil
}

// briefing measures the daily briefing.
func briefing(ctx context.Context, a *app.App, st store.Store, client *http.Client, base string, cfg Config, out io.Writer,
	measure func(secrets []string, url func(i, w int) string) result) error {

	// The briefing: as many sessions as the hub has members (its readers
	// of a morning), all of the demo partner, a police officer in the hub:
	// Demo City has no other partner.
	hub, _, err := st.HubTeam(ctx)
	if err != nil {
		return err
	}
	users, err := st.Users(ctx)
	if err != nil {
		return err
	}
	members := 0
	for _, u := range users {
		if u.TeamID == hub && hub != 0 && !u.Disabled {
			members++
		}
	}
	partner, err := sessions(ctx, a, demo.DemoUsername(access.Partner), max(members, 1))
	if err != nil {
		return err
	}
	p, _, err := a.Session(ctx, partner[0])
	if err != nil {
		return err
	}
	bp, err := a.Briefing(ctx, app.Actor{Principal: p, Remote: "127.0.0.1", Route: "bench"})
	if err != nil {
		return fmt.Errorf("bench: the briefing: %w", err)
	}
	res := measure(partner, func(_, _ int) string { return base + "/briefing" })
	report(out, fmt.Sprintf("Daily briefing (%d young people), %d sessions of the demo partner (one for each member of the hub), %s between pages", len(bp.Rows), len(partner), cfg.Think), res)
	return nil
}

// sessions signs the user in n times.
func sessions(ctx context.Context, a *app.App, username string, n int) ([]string, error) {
	var out []string
	for range n {
		ns, err := a.SignIn(ctx, username, demo.DemoPassword, "127.0.0.1", "")
		if err != nil {
			return nil, fmt.Errorf("bench: sign in as %s: %w", username, err)
		}
		out = append(out, ns.Secret)
	}
	return out, nil
}

// dueInCare times the rules of every child in care: each child with work
// is read (their whole journey), those in care today kept, and then their
// work derived as the store derives it on every change (store.DeriveWork:
// journey.DueWork, status and meetings), all of them one after the other.
// The reading is timed apart: the target is for the computing.
func dueInCare(ctx context.Context, a *app.App, st store.Store, out io.Writer) error {
	items, err := st.AllDueWork(ctx, access.SystemBulk("the benchmark finds the children with work"))
	if err != nil {
		return err
	}
	ts, _, err := st.Timescales(ctx)
	if err != nil {
		return err
	}
	today := a.Today()
	seen := map[people.ID]bool{}
	type child struct {
		p  people.Person
		rs []journey.Record
	}
	var inCare []child
	records := 0
	t0 := time.Now()
	for _, it := range items {
		if seen[it.PersonID] {
			continue
		}
		seen[it.PersonID] = true
		permit := access.System(it.PersonID, access.ReadPerson, "the benchmark times the work of children in care")
		p, err := st.Person(ctx, permit, time.Time{})
		if err != nil {
			return err
		}
		rs, err := st.JourneyRecords(ctx, permit, time.Time{})
		if err != nil {
			return err
		}
		if journey.InCare(rs, today) {
			inCare = append(inCare, child{people.Person{ID: p.ID, DateOfBirth: p.DateOfBirth}, rs})
			records += len(rs)
		}
	}
	read := time.Since(t0)
	t0 = time.Now()
	due := 0
	for _, c := range inCare {
		due += len(store.DeriveWork(c.p, c.rs, ts, today).Due)
	}
	fmt.Fprintf(out, "Due work for every child in care: %d children (%d records, read in %s from %d children with work), %d items computed in %s\n",
		len(inCare), records, ms(read), len(seen), due, ms(time.Since(t0)))
	return nil
}

// longCare adds a child in care for four and a half years with
// careEpisodes episodes of care (foster households of the register, in
// turn), visited every three weeks, with reviews, health assessments and
// education plans. It returns the child and how many records they have.
func longCare(ctx context.Context, st store.Store, today civil.Date) (people.ID, int, error) {
	hs, err := st.Households(ctx, store.HouseholdQuery{})
	if err != nil {
		return 0, 0, err
	}
	p, err := st.CreatePerson(ctx, people.Person{GivenName: "Long", FamilyName: "Care", DateOfBirth: today.AddDays(-14 * 365), Sex: "1"},
		store.Change{Reason: "the benchmark's long care history"})
	if err != nil {
		return 0, 0, err
	}
	start := today.AddDays(-(42*careEpisodes + 20))
	var rs []journey.Record
	add := func(r journey.Record) {
		r.ID, r.PersonID = journey.ID(len(rs)+1), p.ID
		rs = append(rs, r)
	}
	for i := range careEpisodes {
		e := &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U4", Provider: "PR1", ReasonNew: "P", ReasonCeased: "X1"}
		if i == 0 {
			e.ReasonNew = "S"
		} else {
			e.ReasonPlaceChange = "CARPL"
		}
		if len(hs) > 0 {
			e.Household = hs[i%len(hs)].ID
		}
		r := journey.Record{Kind: journey.KindCareEpisode, Start: start.AddDays(42 * i), End: start.AddDays(42 * (i + 1)), CareEpisode: e}
		if i == careEpisodes-1 {
			r.End, e.ReasonCeased = civil.Date{}, ""
		}
		add(r)
	}
	for d := 1; start.AddDays(d).Before(today); d += 21 {
		add(journey.Record{Kind: journey.KindVisit, Start: start.AddDays(d), Visit: &journey.Visit{Seen: true, SeenAlone: d%2 == 0}})
	}
	for i := 0; start.AddDays(180*i + 10).Before(today); i++ {
		on := start.AddDays(180*i + 10)
		add(journey.Record{Kind: journey.KindCareReview, Start: on, CareReview: &care.Review{Participation: "PN1"}})
		add(journey.Record{Kind: journey.KindHealthAssessment, Start: on, HealthAssessment: &care.HealthAssessment{Initial: i == 0}})
		add(journey.Record{Kind: journey.KindPEP, Start: on, PEP: &care.PEP{}})
	}
	if _, err := st.ImportJourneys(ctx, rs, store.Change{Reason: "the benchmark's long care history"}); err != nil {
		return 0, 0, err
	}
	return p.ID, len(rs), nil
}
