package indicators

import (
	"testing"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
)

// TestRecordDays: a prepared child's dates (recDays) are their records'
// own, in the same order, and every question a measure asks of them (open
// on a day, started in a window, the episode of care on a day) has the
// answer the record itself gives, for records that end before they start,
// open ones and ones with no dates.
func TestRecordDays(t *testing.T) {
	cases := []struct {
		name       string
		start, end string
	}{
		{"closed", "2022-04-01", "2022-06-30"},
		{"one day", "2022-05-01", "2022-05-01"},
		{"open", "2022-05-15", ""},
		{"ended before it began", "2022-08-01", "2022-07-01"},
		{"no start", "", "2022-05-20"},
		{"no dates", "", ""},
		{"on a year's last day", "2022-12-31", "2023-01-01"},
	}
	// The days and windows probed: each case's edges, a day either side,
	// and the zero Date.
	var probes []civil.Date
	for _, tc := range cases {
		for _, s := range []string{tc.start, tc.end} {
			if d := date(s); !d.IsZero() {
				probes = append(probes, d.AddDays(-1), d, d.AddDays(1))
			}
		}
	}
	probes = append(probes, civil.Date{}, date("2021-01-01"), date("2024-01-01"))

	for _, kind := range []journey.Kind{journey.KindReferral, journey.KindEarlyHelp} {
		b := kid(1, "2010-01-01")
		for _, tc := range cases {
			b.add(rec(kind, tc.start, tc.end))
		}
		b.add(rec(journey.KindVisit, "2022-05-02", "")) // another kind between
		p := Prepare(Input{Children: []Child{b.c}})
		k := &p.kids[0]
		x := kinds[kind]
		recs, days := k.of(x), k.daysOf(x)
		if len(recs) != len(cases) || len(days) != len(recs) {
			t.Fatalf("%s: %d records, %d dates, want %d", kind, len(recs), len(days), len(cases))
		}
		for i, r := range recs {
			name := string(kind) + " " + r.Start.String() + ".." + r.End.String()
			if days[i] != (recDays{start: keyOf(r.Start), end: keyOf(r.End), id: r.ID}) {
				t.Errorf("%s: dates %v, not the record's", name, days[i])
			}
			if got, want := k.entryAt(x, i, "why"), k.entry(r, "why"); got != want {
				t.Errorf("%s: entry from the days %+v, from the record %+v", name, got, want)
			}
			if (days[i].start == 0) != r.Start.IsZero() || (days[i].end == 0) != r.End.IsZero() {
				t.Errorf("%s: a missing date's key is not 0: %v", name, days[i])
			}
			for _, d := range probes {
				if d.IsZero() {
					continue
				}
				if got, want := days[i].openOn(keyOf(d)), r.OpenOn(d); got != want {
					t.Errorf("%s: open on %s %v, the record says %v", name, d, got, want)
				}
				for _, to := range probes {
					if to.IsZero() || to.Before(d) {
						continue
					}
					c := &calc{p: p, from: d, to: to, bs: allBlocks}
					if got, want := c.withinKey(days[i].start), c.within(r.Start); got != want {
						t.Errorf("%s: start within %s..%s %v, the record says %v", name, d, to, got, want)
					}
				}
			}
		}
		for _, d := range probes {
			got, gotOK := k.openOn(x, d)
			var want *journey.Record
			for _, r := range recs {
				if r.OpenOn(d) {
					want = r
					break
				}
			}
			if got != want || gotOK != (want != nil) {
				t.Errorf("%s: first open on %s is %v, want %v", kind, d, got, want)
			}
		}
	}
}

// TestCareOnByDates: the episode of care a child is in on a day, found by
// the episodes' dates, is the last to start by the day, read from the
// records themselves, on every day around a child's episodes (one with
// no start among them).
func TestCareOnByDates(t *testing.T) {
	b := kid(1, "2010-01-01")
	b.episode(ep{start: "2022-01-01", end: "2022-03-01", place: "U6", rne: "S", rec: "X1"})
	b.episode(ep{start: "2022-03-01", end: "2022-02-01", place: "U4", rne: "P", rec: "X1"}) // ended before it began
	b.episode(ep{start: "2022-06-01", ls: "V3", place: "U6", rne: "S"})
	b.episode(ep{start: "2023-01-01", end: "2023-01-01", place: "U6", rne: "S", rec: "E11"})
	p := Prepare(Input{Children: []Child{b.c}})
	k := &p.kids[0]
	if len(k.periods()) == 0 {
		t.Fatal("no periods of care")
	}
	for d := date("2021-12-25"); !d.After(date("2023-01-10")); d = d.AddDays(1) {
		i, gotP, gotOK := k.careOn(d)
		got := k.episode(i)
		// The reference: the records read one by one, as careOn did
		// before it read their dates.
		var want *journey.Record
		wantP, wantOK := care.PeriodOn(k.periods(), d)
		if wantOK {
			for _, r := range k.of(ixCareEpisode) {
				if r.Start.After(d) {
					break
				}
				want = r
			}
			wantOK = want != nil && want.CareEpisode != nil
		}
		if gotOK != wantOK || got != want || gotP != wantP {
			t.Errorf("on %s: care %v %v %v, want %v %v %v", d, got, gotP, gotOK, want, wantP, wantOK)
		}
		// Looked after: in care, and not under a short break's status,
		// as the episode's own legal status says.
		la, _, laOK := k.lookedAfter(d)
		wantLA := wantOK && !care.ShortBreak(want.CareEpisode.LegalStatus)
		if laOK != wantLA || (laOK && k.episode(la) != want) {
			t.Errorf("on %s: looked after %v (episode %v), want %v", d, laOK, k.episode(la), wantLA)
		}
	}
}

// TestKeyDate: a day's key turns back into the day, on the edges of
// months, years and leap days, and the zero Date's key into the zero Date.
func TestKeyDate(t *testing.T) {
	for _, s := range []string{"2020-02-29", "2021-02-28", "2021-03-01", "2022-12-31", "2023-01-01",
		"2024-02-29", "1999-12-31", "2100-02-28", "0001-01-01"} {
		d := date(s)
		if got := keyOf(d).date(); got != d {
			t.Errorf("key of %s is %s again", d, got)
		}
	}
	if got := keyOf(civil.Date{}).date(); !got.IsZero() {
		t.Errorf("the zero Date's key is %v again", got)
	}
}

// TestRecordFacts: each fact a measure reads from a record's days is the
// record's own, under the council's settings (a contact decided within its
// hours, to the second), and a record of another kind, or with no details,
// has none.
func TestRecordFacts(t *testing.T) {
	score := 14
	nine := time.Date(2023, 3, 6, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		r    journey.Record
		want recFacts
	}{
		{"referral, no further action", journey.Record{Kind: journey.KindReferral, Referral: &journey.Referral{NFA: true}}, factNFA},
		{"referral that went on", journey.Record{Kind: journey.KindReferral, Referral: &journey.Referral{}}, 0},
		{"referral, no details", journey.Record{Kind: journey.KindReferral}, 0},
		{"visit, seen", journey.Record{Kind: journey.KindVisit, Visit: &journey.Visit{Seen: true}}, factSeen},
		{"visit, not seen", journey.Record{Kind: journey.KindVisit, Visit: &journey.Visit{}}, 0},
		{"episode of care", journey.Record{Kind: journey.KindCareEpisode, CareEpisode: &care.Episode{LegalStatus: "C2"}}, factCare},
		{"short break V3", journey.Record{Kind: journey.KindCareEpisode, CareEpisode: &care.Episode{LegalStatus: "V3"}}, factCare | factShortBreak},
		{"short break V4", journey.Record{Kind: journey.KindCareEpisode, CareEpisode: &care.Episode{LegalStatus: "V4"}}, factCare | factShortBreak},
		{"episode, no details", journey.Record{Kind: journey.KindCareEpisode}, 0},
		{"early help stepped up", journey.Record{Kind: journey.KindEarlyHelp, EarlyHelp: &journey.EarlyHelp{Closure: "step_up"}}, factStepUp},
		{"early help closed otherwise", journey.Record{Kind: journey.KindEarlyHelp, EarlyHelp: &journey.EarlyHelp{Closure: "declined"}}, 0},
		{"allocated to a worker", journey.Record{Kind: journey.KindAllocation, WorkerID: 7, Allocation: &journey.Allocation{}}, factWorker},
		{"allocated to a team alone", journey.Record{Kind: journey.KindAllocation, TeamID: 1, Allocation: &journey.Allocation{}}, 0},
		{"a visit by a worker", journey.Record{Kind: journey.KindVisit, WorkerID: 7, Visit: &journey.Visit{Seen: true}}, factSeen},
		{"SDQ with a score", journey.Record{Kind: journey.KindSDQ, SDQ: &care.SDQ{Score: &score}}, factScore},
		{"SDQ with no score", journey.Record{Kind: journey.KindSDQ, SDQ: &care.SDQ{}}, 0},
		{"care leaver's contact", journey.Record{Kind: journey.KindLeaverContact, LeaverContact: &care.LeaverContact{}}, factLeaverContact},
		{"care leaver's contact, no details", journey.Record{Kind: journey.KindLeaverContact}, 0},
		{"contact decided in 24 hours to the second", decided(nine, nine.Add(24*time.Hour)), factDecisionTimed | factDecidedInTime},
		{"contact decided a second late", decided(nine, nine.Add(24*time.Hour+time.Second)), factDecisionTimed},
		{"contact decided before it was received", decided(nine, nine.Add(-time.Hour)), factDecisionTimed | factDecidedInTime},
		{"contact with no decision time", decided(nine, time.Time{}), 0},
		{"contact with no time received", decided(time.Time{}, nine), 0},
		{"contact, no details", journey.Record{Kind: journey.KindContact}, 0},
	}
	for _, tc := range cases {
		if got := factsOf(&tc.r, Settings{}.complete()); got != tc.want {
			t.Errorf("%s: facts %b, want %b", tc.name, got, tc.want)
		}
	}
}

// decided is a contact received and decided at the moments (zero: none
// recorded).
func decided(received, at time.Time) journey.Record {
	return journey.Record{Kind: journey.KindContact, Contact: &journey.Contact{ReceivedAt: received, DecidedAt: at}}
}
