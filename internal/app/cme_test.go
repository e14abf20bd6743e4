package app_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// cmeWorld is a world with a CME team beside the social work team, with a
// practitioner and an analyst in it, and (if name) the team named.
type cmeWorld struct {
	*world
	cme              access.Team
	officer, analyst app.Actor
	clock            time.Time
}

func newCMEWorld(t *testing.T, name bool) *cmeWorld {
	t.Helper()
	w := newWorld(t)
	cw := &cmeWorld{world: w, clock: time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC)}
	var err error
	if cw.cme, err = w.st.CreateTeam(w.ctx, access.Team{Name: "Children Missing Education", ServiceID: w.team.ServiceID}); err != nil {
		t.Fatal(err)
	}
	member := func(username string, role access.Role) app.Actor {
		u, err := w.st.CreateUser(w.ctx, access.User{Username: username, DisplayName: username, Roles: []access.Role{role}, TeamID: cw.cme.ID}, "x", store.Change{Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		p, err := w.app.Principal(w.ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return app.Actor{Principal: p, Remote: "192.0.2.9", Route: "test"}
	}
	cw.officer, cw.analyst = member("cme.officer", access.Practitioner), member("cme.analyst", access.Analyst)
	if name {
		if err := w.app.SetCMETeam(w.ctx, w.actor(access.Admin), cw.cme.ID, 0, "the CME team"); err != nil {
			t.Fatal(err)
		}
	}
	return cw
}

// after moves the clock on by d.
func (cw *cmeWorld) after(d time.Duration) {
	cw.clock = cw.clock.Add(d)
	cw.setClock(cw.clock)
}

func sampleReferral() education.CMEReferral {
	return education.CMEReferral{
		ChildGivenName: "Ayla", ChildFamilyName: "Stone", Address: "4 Mill Lane, Demo City", School: "Riverside Primary",
		Concern: "Not at school since Easter", ReferrerName: "Sam Reed", ReferrerType: "public", Email: "sam@example.org",
	}
}

// send serves the form, waits wait, and sends r from remote.
func (cw *cmeWorld) send(remote string, r education.CMEReferral, wait time.Duration) (string, error) {
	cw.t.Helper()
	tok, err := cw.app.CMEFormToken(cw.ctx)
	if err != nil {
		cw.t.Fatal(err)
	}
	cw.after(wait)
	return cw.app.SubmitCMEReferral(cw.ctx, remote, "POST /cme-referral", app.CMESubmission{Referral: r, Token: tok})
}

func (cw *cmeWorld) open() []education.CMEReferral {
	cw.t.Helper()
	rs, err := cw.st.OpenCMEReferrals(cw.ctx)
	if err != nil {
		cw.t.Fatal(err)
	}
	return rs
}

var referenceShape = regexp.MustCompile(`^CME-[A-HJ-NP-Z2-9]{8}$`)

// TestCMEFormKeepsAReferral: a form sent by a person is kept as a new
// referral, by no user, with its line in the access log; the reference is
// random, and the answer is the same whether or not the child is on the
// register.
func TestCMEFormKeepsAReferral(t *testing.T) {
	cw := newCMEWorld(t, true)
	known := cw.person("Ayla", "Stone", false)
	ref1, err := cw.send("198.51.100.1", sampleReferral(), time.Minute)
	if err != nil || !referenceShape.MatchString(ref1) {
		t.Fatalf("reference %q, %v", ref1, err)
	}
	unknown := sampleReferral()
	unknown.ChildGivenName, unknown.ChildFamilyName = "Nobody", "Known"
	ref2, err := cw.send("198.51.100.1", unknown, time.Minute)
	if err != nil || !referenceShape.MatchString(ref2) || ref1 == ref2 {
		t.Fatalf("references %q, %q, %v", ref1, ref2, err)
	}
	rs := cw.open()
	if len(rs) != 2 {
		t.Fatalf("%d referrals kept, want 2", len(rs))
	}
	r := rs[0]
	if r.Reference != ref1 || r.Status != education.ReferralNew || r.PersonID != 0 || r.Hurried() || r.FilledIn != time.Minute {
		t.Errorf("kept %+v", r)
	}
	if len(cw.log(known)) != 0 {
		t.Errorf("the form touched the known child's record: %+v", cw.log(known))
	}
	lines, err := cw.st.AccessLog(cw.ctx, store.AccessQuery{Kind: store.KindCMEReferral, Action: store.LogCreate, Limit: 10})
	if err != nil || len(lines) != 2 {
		t.Fatalf("%d create lines, %v", len(lines), err)
	}
	for _, l := range lines {
		if l.UserID != 0 || l.RecordID == 0 || l.Remote != "198.51.100.1" || l.State != store.LineDone {
			t.Errorf("line %+v", l)
		}
	}
}

// TestCMEFormDefences: a token this service did not sign, or an expired
// one, is refused and nothing kept; the honeypot is answered like any post
// and nothing kept; a form sent too fast is kept, flagged; invalid fields
// are named and nothing kept; script is kept as typed (the pages escape
// it).
func TestCMEFormDefences(t *testing.T) {
	cw := newCMEWorld(t, true)
	submit := func(s app.CMESubmission) (string, error) {
		return cw.app.SubmitCMEReferral(cw.ctx, "198.51.100.2", "test", s)
	}
	tok, err := cw.app.CMEFormToken(cw.ctx)
	if err != nil {
		t.Fatal(err)
	}
	cw.after(time.Minute)
	parts := strings.Split(tok, ".")
	for name, bad := range map[string]string{
		"no token":      "",
		"made up":       "1.2.3",
		"time changed":  "1" + parts[0] + "." + parts[1] + "." + parts[2],
		"nonce changed": parts[0] + ".x" + parts[1] + "." + parts[2],
	} {
		if _, err := submit(app.CMESubmission{Referral: sampleReferral(), Token: bad}); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("%s: %v, want forbidden", name, err)
		}
	}
	cw.after(app.CMEFormLife)
	if _, err := submit(app.CMESubmission{Referral: sampleReferral(), Token: tok}); errs.CodeOf(err) != errs.Forbidden {
		t.Errorf("expired token: %v, want forbidden", err)
	}
	tok, _ = cw.app.CMEFormToken(cw.ctx)
	cw.after(time.Minute)
	ref, err := submit(app.CMESubmission{Referral: sampleReferral(), Token: tok, Honeypot: "http://spam.example"})
	if err != nil || !referenceShape.MatchString(ref) {
		t.Errorf("honeypot: %q, %v, want a reference like any other", ref, err)
	}
	bad := sampleReferral()
	bad.ChildGivenName, bad.ChildFamilyName, bad.Email, bad.Concern = "", "", "not an address", ""
	_, err = submit(app.CMESubmission{Referral: bad, Token: tok})
	e := errs.As(err)
	if e == nil || e.Code != errs.Invalid {
		t.Fatalf("invalid: %v", err)
	}
	for _, f := range []string{"child_given_name", "email", "concern"} {
		if !errs.Fields(e.Fields).Has(f) {
			t.Errorf("no error on %s: %+v", f, e.Fields)
		}
	}
	if n := len(cw.open()); n != 0 {
		t.Fatalf("%d referrals kept from refused posts", n)
	}
	script := sampleReferral()
	script.ChildFamilyName, script.Concern = `<script>alert("x")</script>`, `<img src=x onerror=alert(1)>`
	if _, err := cw.send("198.51.100.3", script, time.Second); err != nil {
		t.Fatal(err)
	}
	rs := cw.open()
	if len(rs) != 1 || !rs[0].Hurried() || rs[0].ChildFamilyName != script.ChildFamilyName || rs[0].Concern != script.Concern {
		t.Fatalf("kept %+v, want the hurried referral as typed", rs)
	}
}

// TestCMEFormRateLimits: past its burst an address is refused with
// errs.TooMany, and so is every address once the overall limit is spent;
// the refused posts keep nothing.
func TestCMEFormRateLimits(t *testing.T) {
	cw := newCMEWorld(t, true)
	cw.app.CME = app.CMELimits{PerAddress: access.NewLimiter(1.0/3600, 2), Overall: access.NewLimiter(1.0/3600, 3)}
	for i := range 2 {
		if _, err := cw.send("203.0.113.1", sampleReferral(), time.Minute); err != nil {
			t.Fatalf("post %d: %v", i, err)
		}
	}
	if _, err := cw.send("203.0.113.1", sampleReferral(), time.Minute); errs.CodeOf(err) != errs.TooMany {
		t.Fatalf("third post from one address: %v, want too many", err)
	}
	if _, err := cw.send("203.0.113.2", sampleReferral(), time.Minute); err != nil {
		t.Fatalf("another address: %v", err)
	}
	if _, err := cw.send("203.0.113.3", sampleReferral(), time.Minute); errs.CodeOf(err) != errs.TooMany {
		t.Fatalf("past the overall limit: %v, want too many", err)
	}
	if n := len(cw.open()); n != 3 {
		t.Fatalf("%d kept, want 3", n)
	}
}

// TestCMEFormAllowanceSpentOnlyByGoodPosts: posts with no token, or with
// bad fields, count against their own address only, so they cannot shut
// the form for everyone (an insider's run did so); a filled honeypot with
// bad fields is answered as any post with bad fields.
func TestCMEFormAllowanceSpentOnlyByGoodPosts(t *testing.T) {
	cw := newCMEWorld(t, true)
	cw.app.CME = app.CMELimits{PerAddress: access.NewLimiter(1.0/3600, 2), Overall: access.NewLimiter(1.0/3600, 1)}
	bad := sampleReferral()
	bad.Concern = ""
	for i, addr := range []string{"203.0.113.10", "203.0.113.11", "203.0.113.12"} {
		if _, err := cw.app.SubmitCMEReferral(cw.ctx, addr, "test", app.CMESubmission{Referral: sampleReferral()}); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("tokenless post %d: %v, want forbidden", i, err)
		}
		if _, err := cw.send(addr, bad, time.Minute); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("post %d with bad fields: %v, want invalid", i, err)
		}
	}
	tok, err := cw.app.CMEFormToken(cw.ctx)
	if err != nil {
		t.Fatal(err)
	}
	cw.after(time.Minute)
	if _, err := cw.app.SubmitCMEReferral(cw.ctx, "203.0.113.13", "test", app.CMESubmission{Referral: bad, Token: tok, Honeypot: "http://spam.example"}); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("a honeypot post with bad fields: %v, want invalid as any other", err)
	}
	if _, err := cw.send("203.0.113.14", sampleReferral(), time.Minute); err != nil {
		t.Fatalf("a genuine referral after the bad posts: %v", err)
	}
}

// TestCMEQueueIsForTheCMETeamAlone: nobody sees the referrals until a team
// is named; then its members of any role do, and everyone else is told
// "not found" alike for the queue, a referral and a referral that does not
// exist, with the refusal logged. Every read is logged with the referral.
func TestCMEQueueIsForTheCMETeamAlone(t *testing.T) {
	cw := newCMEWorld(t, false)
	w := cw.world
	if _, err := cw.send("198.51.100.1", sampleReferral(), time.Minute); err != nil {
		t.Fatal(err)
	}
	id := cw.open()[0].ID
	refused := func(who string, ac app.Actor) {
		t.Helper()
		_, qerr := w.app.CMEReferrals(w.ctx, ac)
		_, rerr := w.app.CMEReferral(w.ctx, ac, id)
		_, nerr := w.app.CMEReferral(w.ctx, ac, id+1000)
		cerr := w.app.CloseCMEReferral(w.ctx, ac, id, 1, "not_cme", "closing it")
		for _, err := range []error{qerr, rerr, nerr, cerr} {
			if e := errs.As(err); e == nil || e.Code != errs.NotFound || e.Message != "There is nothing here that you can see" {
				t.Errorf("%s: %v, want not found", who, err)
			}
		}
		if w.app.InCMETeam(w.ctx, ac.Principal) {
			t.Errorf("%s: the navigation would show the queue", who)
		}
		lines, err := w.st.AccessLog(w.ctx, store.AccessQuery{UserID: ac.UserID(), Action: store.LogDenied, Limit: 10})
		if err != nil || len(lines) < 4 {
			t.Errorf("%s: %d refusals logged (%v), want 4", who, len(lines), err)
		}
	}
	refused("the CME officer before a team is named", cw.officer)
	if err := w.app.SetCMETeam(w.ctx, w.actor(access.Admin), cw.cme.ID, 0, "the CME team"); err != nil {
		t.Fatal(err)
	}
	for _, role := range access.Roles {
		refused(string(role)+" outside the CME team", w.actor(role))
	}
	for _, ac := range []app.Actor{cw.officer, cw.analyst} {
		if !w.app.InCMETeam(w.ctx, ac.Principal) {
			t.Errorf("%s: the navigation hides the queue", ac.Principal.User.Username)
		}
		q, err := w.app.CMEReferrals(w.ctx, ac)
		if err != nil || len(q.Referrals) != 1 {
			t.Fatalf("%s: queue %+v, %v", ac.Principal.User.Username, q, err)
		}
		p, err := w.app.CMEReferral(w.ctx, ac, id)
		if err != nil || p.Referral.ID != id || len(p.History) != 1 {
			t.Fatalf("%s: referral %+v, %v", ac.Principal.User.Username, p, err)
		}
		if _, err := w.app.CMEReferral(w.ctx, ac, id+1000); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("no such referral: %v", err)
		}
		lines, err := w.st.AccessLog(w.ctx, store.AccessQuery{UserID: ac.UserID(), Kind: store.KindCMEReferral, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var bulk, read bool
		for _, l := range lines {
			bulk = bulk || l.Action == store.LogBulkRead && l.Children == 1
			read = read || l.Action == store.LogRead && l.RecordID == int64(id) && strings.Contains(l.Note, "CME referral") && l.PersonID == 0
		}
		if !bulk || !read {
			t.Errorf("%s: reads not logged as such: %+v", ac.Principal.User.Username, lines)
		}
	}
}

// TestCMEMatchAndClose: the officer matches a referral only to a child
// whose record they may open (anyone else is refused alike, named on the
// field), from the version they saw; then closes it with a reason, once.
// Each change is a version with its reason and a line naming the child.
func TestCMEMatchAndClose(t *testing.T) {
	cw := newCMEWorld(t, true)
	w := cw.world
	if _, err := cw.send("198.51.100.1", sampleReferral(), time.Minute); err != nil {
		t.Fatal(err)
	}
	id := cw.open()[0].ID
	child := w.person("Ayla", "Stone", false)
	stranger := w.person("Other", "Child", false)
	inv := access.Involvement{PersonID: child, Kind: access.KindChildInNeed, TeamID: cw.cme.ID, StartDate: civil.MustNew(2026, time.January, 5)}
	if _, err := w.st.CreateInvolvement(w.ctx, store.Involvement{Involvement: inv}, store.Change{By: w.admin.ID, Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]people.ID{"a child the officer has no relationship to": stranger, "no such person": stranger + 1000} {
		err := w.app.MatchCMEReferral(w.ctx, cw.officer, id, 1, p, false, "found on the register")
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has("person_id") || e.Fields[0].Message != "Enter the id of a child whose record you can open" {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := w.app.MatchCMEReferral(w.ctx, cw.officer, id, 1, child, false, ""); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("no reason: %v", err)
	}
	if err := w.app.MatchCMEReferral(w.ctx, cw.officer, id, 1, child, true, "added from the referral"); err != nil {
		t.Fatal(err)
	}
	if err := w.app.MatchCMEReferral(w.ctx, cw.officer, id, 1, child, false, "stale"); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("stale match: %v", err)
	}
	if err := w.app.CloseCMEReferral(w.ctx, cw.officer, id, 2, "bogus", "closing"); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("unknown close reason: %v", err)
	}
	if err := w.app.CloseCMEReferral(w.ctx, cw.officer, id, 2, "enquiry", "enquiry opened for Ayla"); err != nil {
		t.Fatal(err)
	}
	if err := w.app.CloseCMEReferral(w.ctx, cw.officer, id, 3, "enquiry", "again"); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("closed twice: %v", err)
	}
	if err := w.app.MatchCMEReferral(w.ctx, cw.officer, id, 3, child, false, "after closing"); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("matched after closing: %v", err)
	}
	if n := len(cw.open()); n != 0 {
		t.Errorf("%d still in the queue", n)
	}
	p, err := w.app.CMEReferral(w.ctx, cw.officer, id)
	if err != nil {
		t.Fatal(err)
	}
	r := p.Referral
	if r.Status != education.ReferralClosed || r.PersonID != child || !r.Added || r.CloseReason != "enquiry" || len(p.History) != 3 || p.History[2].Reason != "enquiry opened for Ayla" {
		t.Errorf("referral %+v, history %d", r, len(p.History))
	}
	var updates int
	for _, l := range w.log(child) {
		if l.Kind == store.KindCMEReferral && l.Action == store.LogUpdate && l.State == store.LineDone {
			updates++
		}
	}
	if updates != 2 {
		t.Errorf("%d update lines on the child's log, want 2", updates)
	}
}

// TestSetCMETeam: administrators alone name the CME team, an existing one,
// with a reason, from the version they saw.
func TestSetCMETeam(t *testing.T) {
	cw := newCMEWorld(t, false)
	w := cw.world
	admin := w.actor(access.Admin)
	if err := w.app.SetCMETeam(w.ctx, w.actor(access.TeamManager), cw.cme.ID, 0, "mine"); errs.CodeOf(err) != errs.Forbidden {
		t.Errorf("team manager: %v", err)
	}
	if _, err := w.app.CMETeamSetting(w.ctx, w.actor(access.Practitioner)); errs.CodeOf(err) != errs.Forbidden {
		t.Errorf("practitioner reads the setting: %v", err)
	}
	err := w.app.SetCMETeam(w.ctx, admin, cw.cme.ID+1000, 0, "")
	if e := errs.As(err); e == nil || !errs.Fields(e.Fields).Has("team_id") || !errs.Fields(e.Fields).Has("reason") {
		t.Errorf("no such team, no reason: %v", err)
	}
	if err := w.app.SetCMETeam(w.ctx, admin, cw.cme.ID, 0, "the CME team"); err != nil {
		t.Fatal(err)
	}
	if err := w.app.SetCMETeam(w.ctx, admin, w.team.ID, 0, "stale"); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("stale: %v", err)
	}
	pg, err := w.app.CMETeamSetting(w.ctx, admin)
	if err != nil || pg.Team != cw.cme.ID || pg.Version != 1 || len(pg.History) != 1 {
		t.Errorf("setting %+v, %v", pg, err)
	}
	hub, err := w.app.HubSetting(w.ctx, admin)
	if err != nil || hub.Team != 0 {
		t.Errorf("the hub changed: %+v, %v", hub, err)
	}
}

// TestCMEMatchNeedsARoleThatReads: a member of the CME team whose role
// reads no child's record may close a referral but not match one.
func TestCMEMatchNeedsARoleThatReads(t *testing.T) {
	cw := newCMEWorld(t, true)
	w := cw.world
	u, err := w.st.CreateUser(w.ctx, access.User{Username: "cme.admin", DisplayName: "cme.admin", Roles: []access.Role{access.Partner}, TeamID: cw.cme.ID}, "x", store.Change{Reason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := w.app.Principal(w.ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	partner := app.Actor{Principal: p, Remote: "192.0.2.9", Route: "test"}
	if _, err := cw.send("198.51.100.1", sampleReferral(), time.Minute); err != nil {
		t.Fatal(err)
	}
	id := cw.open()[0].ID
	child := w.person("Ayla", "Stone", false)
	if err := w.app.MatchCMEReferral(w.ctx, partner, id, 1, child, false, "found"); errs.CodeOf(err) != errs.Forbidden {
		t.Errorf("partner matches: %v, want forbidden", err)
	}
	if err := w.app.CloseCMEReferral(w.ctx, partner, id, 1, "not_cme", "on roll at Riverside"); err != nil {
		t.Errorf("partner closes: %v", err)
	}
}

// TestCMEAddressKey: the per-address limit counts an IPv6 address by its
// /64 and an IPv4 address (in either form) by itself.
func TestCMEAddressKey(t *testing.T) {
	for _, c := range []struct{ remote, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"::ffff:203.0.113.7", "203.0.113.7"},
		{"2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"},
		{"2001:db8:1:2::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"::1", "::/64"},
		{"@", "@"}, // not an address: its own key
		{"", ""},
	} {
		if got := app.CMEAddressKey(c.remote); got != c.want {
			t.Errorf("CMEAddressKey(%q) = %q, want %q", c.remote, got, c.want)
		}
	}
}

// TestCMEFormLimitByIPv6Prefix: addresses in one /64 share the
// per-address allowance; an address in the next /64 has its own.
func TestCMEFormLimitByIPv6Prefix(t *testing.T) {
	cw := newCMEWorld(t, true)
	cw.app.CME = app.CMELimits{PerAddress: access.NewLimiter(1.0/3600, 2), Overall: access.NewLimiter(1.0/3600, 10)}
	for i, addr := range []string{"2001:db8:5:6::1", "2001:db8:5:6::2"} {
		if _, err := cw.send(addr, sampleReferral(), time.Minute); err != nil {
			t.Fatalf("post %d: %v", i, err)
		}
	}
	if _, err := cw.send("2001:db8:5:6:ffff::9", sampleReferral(), time.Minute); errs.CodeOf(err) != errs.TooMany {
		t.Fatalf("a third address in the same /64: %v, want too many", err)
	}
	if _, err := cw.send("2001:db8:5:7::1", sampleReferral(), time.Minute); err != nil {
		t.Fatalf("an address in the next /64: %v", err)
	}
	if n := len(cw.open()); n != 3 {
		t.Fatalf("%d kept, want 3", n)
	}
}
