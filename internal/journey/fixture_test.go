package journey

import (
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// The fixtures below build records the way a form would, with only what the
// test is about spelled out; each is valid on its own (Validate passes).

// child is the person every fixture record belongs to.
const child people.ID = 7

// day reads a YYYY-MM-DD date; "" is the zero Date ("no date").
func day(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// london is a moment on the wall clock in London.
func london(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, civil.London)
}

func base(id ID, k Kind, episode, follows ID, start, end string) Record {
	return Record{ID: id, Version: 1, PersonID: child, Kind: k, Episode: episode, Follows: follows, Start: day(start), End: day(end)}
}

// contact is received at 09:00 on start and, with an end, decided at 16:00
// that day to refer.
func contact(id ID, start, end string) Record {
	r := base(id, KindContact, 0, 0, start, end)
	s := day(start)
	r.Contact = &Contact{ReceivedAt: london(s.Year, s.Month, s.Day, 9, 0), Source: "6"}
	if end != "" {
		e := day(end)
		r.Contact.Decision, r.Contact.DecidedAt = "referral", london(e.Year, e.Month, e.Day, 16, 0)
	}
	return r
}

func earlyHelp(id, follows ID, start, end string) Record {
	r := base(id, KindEarlyHelp, 0, follows, start, end)
	r.EarlyHelp = &EarlyHelp{Problems: []string{"education"}}
	if end != "" {
		r.EarlyHelp.Closure = "sustained_progress"
	}
	return r
}

func referral(id, follows ID, start, end string) Record {
	r := base(id, KindReferral, 0, follows, start, end)
	r.Referral = &Referral{Source: "2A", PrimaryNeed: "N1"}
	if end != "" {
		r.Referral.ClosureReason = "RC7"
	}
	return r
}

func assessment(id, ep ID, start, end string) Record {
	r := base(id, KindAssessment, ep, 0, start, end)
	r.Assessment = &Assessment{ChildSeen: true}
	return r
}

func strategy(id, ep ID, start, outcome string) Record {
	r := base(id, KindStrategy, ep, 0, start, "")
	r.Strategy = &Strategy{Outcome: outcome}
	return r
}

// s47 with an end takes the outcome given; without one it is open.
func s47(id, ep, follows ID, start, end, outcome string) Record {
	r := base(id, KindS47, ep, follows, start, end)
	r.S47 = &S47{Outcome: outcome}
	return r
}

func icpc(id, ep, follows ID, start string, plan bool) Record {
	r := base(id, KindICPC, ep, follows, start, "")
	r.ICPC = &ICPC{Plan: plan}
	return r
}

func cpPlan(id, ep, follows ID, start, end string) Record {
	r := base(id, KindCPPlan, ep, follows, start, end)
	r.Plan = &Plan{InitialCategory: "NEG"}
	return r
}

func cinPlan(id, ep ID, start, end string) Record {
	r := base(id, KindCINPlan, ep, 0, start, end)
	r.Plan = &Plan{}
	return r
}

func review(id, ep, follows ID, start string) Record {
	r := base(id, KindCPReview, ep, follows, start, "")
	r.Review = &Review{Continue: true}
	return r
}

func visit(id, follows ID, start string, seen bool) Record {
	r := base(id, KindVisit, 0, follows, start, "")
	r.Visit = &Visit{Seen: seen}
	return r
}

func note(id, ep ID, start string) Record {
	r := base(id, KindNote, ep, 0, start, "")
	r.Note = &Note{Title: "Phone call", Text: "Mother rang."}
	return r
}

func allocation(id, ep ID, start, end string, team access.TeamID, worker access.UserID) Record {
	r := base(id, KindAllocation, ep, 0, start, end)
	r.TeamID, r.WorkerID = team, worker
	r.Allocation = &Allocation{}
	return r
}

func familyMeeting(id ID, start string) Record {
	r := base(id, KindFamilyMeeting, 0, 0, start, "")
	r.FamilyMeeting = &FamilyMeeting{}
	return r
}

// with returns r changed by fn, leaving the fixture alone.
func with[T any](r T, fn func(*T)) T {
	fn(&r)
	return r
}

// fault is one field error a test expects: the field's JSON path and a part
// of the message that names the rule.
type fault struct{ field, msg string }

// wantFaults checks that err lists exactly the faults in want, in any
// order, or is nil when want is empty.
func wantFaults(t *testing.T, err error, want ...fault) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("got %v, want no error", err)
		}
		return
	}
	e := errs.As(err)
	if e == nil || e.Code != errs.Invalid {
		t.Fatalf("got %v, want an invalid error with %v", err, want)
	}
	got := slices.Clone(e.Fields)
	for _, w := range want {
		i := slices.IndexFunc(got, func(f errs.Field) bool {
			return f.Field == w.field && strings.Contains(f.Message, w.msg)
		})
		if i < 0 {
			t.Errorf("no error on %q saying %q; got %v", w.field, w.msg, e.Fields)
			continue
		}
		got = slices.Delete(got, i, i+1)
	}
	if len(got) > 0 {
		t.Errorf("unexpected errors %v", got)
	}
}
