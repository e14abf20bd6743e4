package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// chronologyEvents is the size of the long chronology measured: a child
// known to the council for many years.
const chronologyEvents = 2000

// runJourney measures the journey's pages: due work computed for every open
// child, "my work" and a team's page with many users signed in, the front
// door's queue, and a chronology of 2,000 events; then those of children in
// care (runCare).
func runJourney(ctx context.Context, a *app.App, st store.Store, client *http.Client, base string, cfg Config, out io.Writer) error {
	// Due work across the council: the rules, over every open child's
	// records. The lists' users are picked from its teams, so it is read
	// even when it is not reported.
	t0 := time.Now()
	items, err := a.DueEverywhere(ctx, access.SystemBulk("the benchmark reads due work"))
	if err != nil {
		return err
	}
	if cfg.runs("due") {
		fmt.Fprintf(out, "Due work for every open child: %d items in %s (read and compute)\n", len(items), ms(time.Since(t0)))
	}

	users, err := st.Users(ctx)
	if err != nil {
		return err
	}
	teams := map[access.TeamID]bool{}
	for _, it := range items {
		if it.TeamID != 0 {
			teams[it.TeamID] = true
		}
	}
	pick := func(role access.Role, ok func(access.User) bool) ([]string, []access.User, error) {
		var secrets []string
		var who []access.User
		for _, u := range users {
			if len(secrets) == cfg.Users {
				break
			}
			if u.Disabled || !slices.Contains(u.Roles, role) || !ok(u) {
				continue
			}
			ns, err := a.SignIn(ctx, u.Username, demo.DemoPassword, "127.0.0.1", "")
			if err != nil {
				return nil, nil, fmt.Errorf("bench: sign in as %s: %w", u.Username, err)
			}
			secrets, who = append(secrets, ns.Secret), append(who, u)
		}
		if len(secrets) == 0 {
			return nil, nil, fmt.Errorf("bench: no %s to sign in as", role)
		}
		return secrets, who, nil
	}
	count := max(cfg.PageReads/5, 100)
	// measure times the pages after one untimed round, each session asking
	// once: the first request of a list warms the caches of the connection
	// it reads through, and with a tenth as many requests as the child's
	// page, those first ones would otherwise be the whole of the p95.
	measure := func(secrets []string, url func(i, w int) string) result {
		load(client, len(secrets), secrets, len(secrets), 0, url)
		return load(client, len(secrets), secrets, count, cfg.Think, url)
	}

	// My work: practitioners with children allocated to them.
	if cfg.runs("my-work") {
		secrets, _, err := pick(access.Practitioner, func(u access.User) bool { return teams[u.TeamID] })
		if err != nil {
			return err
		}
		res := measure(secrets, func(_, _ int) string { return base + "/my-work" })
		report(out, fmt.Sprintf("My work, %d practitioners signed in, %s between pages", len(secrets), cfg.Think), res)
	}

	// A team's page: the managers of teams with work.
	if cfg.runs("team") {
		secrets, managers, err := pick(access.TeamManager, func(u access.User) bool { return teams[u.TeamID] })
		if err != nil {
			return err
		}
		// Each manager asks for their own team's page.
		res := measure(secrets, func(_, w int) string {
			return base + "/teams/" + strconv.FormatInt(int64(managers[w%len(managers)].TeamID), 10) + "/work"
		})
		report(out, fmt.Sprintf("Team's work, %d managers signed in, %s between pages", len(secrets), cfg.Think), res)
	}

	// The front door's queue.
	if cfg.runs("front-door") {
		secrets, _, err := pick(access.MASH, func(access.User) bool { return true })
		if err != nil {
			return err
		}
		res := measure(secrets, func(_, _ int) string { return base + "/front-door" })
		report(out, fmt.Sprintf("Front door queue, %d MASH workers signed in, %s between pages", len(secrets), cfg.Think), res)
	}

	// A chronology of 2,000 events, read by analysts.
	if cfg.runs("chronology") {
		child, err := longJourney(ctx, st, a.Today())
		if err != nil {
			return err
		}
		// Demo City has one analyst: as for the child's page, many
		// sessions of the one account.
		secrets, err := sessions(ctx, a, demo.DemoUsername(access.Analyst), cfg.Users)
		if err != nil {
			return err
		}
		res := measure(secrets, func(_, _ int) string {
			return base + "/people/" + strconv.FormatInt(int64(child), 10) + "/journey"
		})
		report(out, fmt.Sprintf("Chronology of %d events, %d users, %s between pages", chronologyEvents, len(secrets), cfg.Think), res)
	}
	return runCare(ctx, a, st, client, base, cfg, out, measure)
}

// longJourney adds a child with a referral open for years and enough
// visits and notes to make a chronology of chronologyEvents events.
func longJourney(ctx context.Context, st store.Store, today civil.Date) (people.ID, error) {
	born := today.AddDays(-16 * 365)
	p, err := st.CreatePerson(ctx, people.Person{GivenName: "Long", FamilyName: "Chronology", DateOfBirth: born, Sex: "2"},
		store.Change{Reason: "the benchmark's long chronology"})
	if err != nil {
		return 0, err
	}
	start := today.AddDays(-(chronologyEvents + 10))
	rs := []journey.Record{{ID: 1, PersonID: p.ID, Kind: journey.KindReferral, Start: start,
		Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}}}
	for i := 1; i < chronologyEvents; i++ {
		r := journey.Record{ID: journey.ID(i + 1), PersonID: p.ID, Episode: 1, Start: start.AddDays(i)}
		if i%2 == 0 {
			r.Kind, r.Visit = journey.KindVisit, &journey.Visit{Seen: true, SeenAlone: i%4 == 0}
		} else {
			r.Kind, r.Note = journey.KindNote, &journey.Note{Title: "Phone call", Text: "Spoke with the family about the week ahead."}
		}
		rs = append(rs, r)
	}
	if _, err := st.ImportJourneys(ctx, rs, store.Change{Reason: "the benchmark's long chronology"}); err != nil {
		return 0, err
	}
	return p.ID, nil
}
