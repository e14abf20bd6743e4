package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestChangeARelationshipOnThePage ends a relationship through the form: a
// mistake is shown in the error summary and changes nothing, a good change is
// a new version, and a change made from the old version is refused.
func TestChangeARelationshipOnThePage(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	path := idPath(e.child) + "/relationships/" + strconv.FormatInt(int64(e.rel), 10) + "/edit"

	res := b.get(idPath(e.child))
	if !strings.Contains(res.body, `href="`+path+`"`) {
		t.Fatalf("the child's page has no link to change the relationship")
	}
	res = b.get(path)
	for _, want := range []string{"Change a relationship", `name="version" value="1"`, `value="parent:from" selected`, "Lena Okafor", "Not ended"} {
		if res.status != http.StatusOK || !strings.Contains(res.body, want) {
			t.Fatalf("edit page: status %d, body lacks %q", res.status, want)
		}
	}
	form := func(version, typ, day, month, year, reason string) url.Values {
		return url.Values{"version": {version}, "type": {typ}, "end_date-day": {day}, "end_date-month": {month}, "end_date-year": {year}, "reason": {reason}}
	}
	tomorrow := time.Now().AddDate(0, 0, 1)
	for _, c := range []struct {
		name string
		form url.Values
		want []string
	}{
		{"31 February", form("1", "parent:from", "31", "2", "2025", "moved out"), []string{"govuk-error-summary", `href="#end_date`, "End date must be a real date"}},
		{"in the future", form("1", "parent:from", strconv.Itoa(tomorrow.Day()), strconv.Itoa(int(tomorrow.Month())), strconv.Itoa(tomorrow.Year()), "moved out"), []string{"govuk-error-summary", "End date must be today or in the past"}},
		{"turned round", form("1", "parent:to", "", "", "", "wrong way round"), []string{"govuk-error-summary", "cannot be turned round"}},
		{"no reason", form("1", "parent:from", "1", "9", "2025", ""), []string{"govuk-error-summary", `href="#reason"`}},
		{"no type", form("1", "", "1", "9", "2025", "x"), []string{"govuk-error-summary", `href="#type"`}},
	} {
		res := b.post(path, c.form)
		if res.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422: %.2000s", c.name, res.status, res.body)
		}
		for _, w := range c.want {
			if !strings.Contains(res.body, w) {
				t.Errorf("%s: body lacks %q", c.name, w)
			}
		}
	}
	h, err := e.st.Relationships(context.Background(), sysPermit(e.child), time.Time{})
	if err != nil || len(h) != 1 || h[0].Relationship.Version != 1 {
		t.Fatalf("refused changes wrote something: %v %+v", err, h)
	}

	res = b.post(path, form("1", "parent:from", "1", "9", "2025", "mother moved away"))
	if res.status != http.StatusSeeOther || res.location != idPath(e.child)+"?saved=1" {
		t.Fatalf("save: status %d to %q: %.500s", res.status, res.location, res.body)
	}
	h, err = e.st.Relationships(context.Background(), sysPermit(e.child), time.Time{})
	if err != nil || len(h) != 1 || h[0].Relationship.Version != 2 || h[0].Relationship.EndDate.String() != "2025-09-01" || h[0].Relationship.Type != "parent" {
		t.Fatalf("after saving: %v %+v", err, h)
	}

	res = b.get(idPath(e.child) + "/history")
	for _, want := range []string{"Changes to relationships", "Lena Okafor (Parent), version 2", "mother moved away", "Not ended", "1 September 2025"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("history page lacks %q", want)
		}
	}

	res = b.post(path, form("1", "carer:from", "", "", "", "late change"))
	if res.status != http.StatusConflict || !strings.Contains(res.body, "Your change has not been saved") || !strings.Contains(res.body, `name="version" value="2"`) {
		t.Errorf("stale change: status %d: %.300s", res.status, res.body)
	}
	h, _ = e.st.Relationships(context.Background(), sysPermit(e.child), time.Time{})
	if h[0].Relationship.Version != 2 || h[0].Relationship.Type != "parent" {
		t.Errorf("the stale change was written: %+v", h[0].Relationship)
	}
	// Having seen the latest version, the user saves theirs over it. Not
	// by reviving the ended relationship: Lena opens to the practitioner only
	// through the family rule, and a current family relationship to her would
	// open her to everyone who reads the child.
	if res := b.post(path, form("2", "carer:from", "", "", "", "late change")); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Only someone who works with both people") {
		t.Errorf("reviving the relationship: status %d", res.status)
	}
	if res := b.post(path, form("2", "carer:from", "1", "9", "2025", "late change")); res.status != http.StatusSeeOther {
		t.Errorf("save after conflict: status %d", res.status)
	}

	if res := e.browser().signIn(access.Analyst).post(path, form("3", "parent:from", "", "", "", "x")); res.status != http.StatusForbidden {
		t.Errorf("analyst: status %d, want 403", res.status)
	}
	other := idPath(e.stranger) + "/relationships/" + strconv.FormatInt(int64(e.rel), 10) + "/edit"
	if res := e.browser().signIn(access.Admin).get(other); res.status != http.StatusForbidden && res.status != http.StatusNotFound {
		t.Errorf("admin on another record: status %d", res.status)
	}
}

// TestErrorsFromTheAppReachTheSummary: an error found by the app (not by the
// page's own parsing) is shown both in the error summary and by its input.
func TestErrorsFromTheAppReachTheSummary(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	res := b.post(idPath(e.child)+"/relationships/new", url.Values{
		"type": {"sibling:from"}, "to": {strconv.FormatInt(int64(e.stranger), 10)}, "reason": {"half-brother"},
	})
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.status)
	}
	for _, want := range []string{`govuk-error-summary`, `href="#to"`, `id="to-error"`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	res = e.browser().signIn(access.Admin).post("/admin/grants/new", url.Values{
		"person_id": {strconv.FormatInt(int64(e.restricted), 10)}, "user_id": {strconv.FormatInt(int64(e.users[access.Practitioner].ID), 10)},
		"until-day": {"1"}, "until-month": {"1"}, "until-year": {strconv.Itoa(time.Now().Year() + 1)},
	})
	for _, want := range []string{`govuk-error-summary`, `href="#reason"`, `id="reason-error"`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("grant page: body lacks %q", want)
		}
	}
	res = b.post("/account/tokens", url.Values{"name": {""}})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "govuk-error-summary") || !strings.Contains(res.body, "<title>Error: ") {
		t.Errorf("account page without a token name: status %d, or no error summary or title", res.status)
	}
}

// TestAccessLogByDay filters the access log page by a range of days, both
// included, and refuses a range that ends before it starts.
func TestAccessLogByDay(t *testing.T) {
	e := newEnv(t)
	e.browser().signIn(access.Practitioner).get(idPath(e.child)) // a line to find
	b := e.browser().signIn(access.Auditor)
	day := func(name string, t time.Time) string {
		return fmt.Sprintf("%s-day=%d&%s-month=%d&%s-year=%d", name, t.Day(), name, int(t.Month()), name, t.Year())
	}
	now := time.Now()
	around := "/audit?" + day("from", now.AddDate(0, 0, -1)) + "&" + day("to", now.AddDate(0, 0, 1))
	if res := b.get(around); res.status != http.StatusOK || !strings.Contains(res.body, "test.practitioner") {
		t.Errorf("yesterday to tomorrow: status %d, or the practitioner's read is missing", res.status)
	}
	before := "/audit?" + day("to", now.AddDate(0, 0, -2))
	if res := b.get(before); res.status != http.StatusOK || strings.Contains(res.body, "test.practitioner") {
		t.Errorf("up to two days ago: status %d, or it shows today's read", res.status)
	}
	backwards := "/audit?" + day("from", now) + "&" + day("to", now.AddDate(0, 0, -1))
	if res := b.get(backwards); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "To must be the same as or after From") || !strings.Contains(res.body, "govuk-error-summary") {
		t.Errorf("a range that ends before it starts: status %d", res.status)
	}
	if res := b.get("/audit?from-day=31&from-month=2&from-year=2026"); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "From must be a real date") {
		t.Errorf("31 February: status %d", res.status)
	}
}

// TestRelationshipToARestrictedRecordIsHidden: the child's page, history and
// API leave out a relationship to a restricted record the user may not open,
// and show it once they have a grant.
func TestRelationshipToARestrictedRecordIsHidden(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	c := store.Change{By: e.users[access.Admin].ID, Reason: "test"}
	if _, err := e.st.CreateRelationship(ctx, people.Relationship{From: e.child, To: e.restricted, Type: "sibling"}, c); err != nil {
		t.Fatal(err)
	}
	b := e.browser().signIn(access.Practitioner)
	for _, path := range []string{idPath(e.child), idPath(e.child) + "/history"} {
		if res := b.get(path); res.status != http.StatusOK || strings.Contains(res.body, "Secret") || !strings.Contains(res.body, "Lena") {
			t.Errorf("%s without a grant: status %d, or it names the restricted sibling, or not the parent", path, res.status)
		}
	}
	if res := e.api(access.Practitioner, "GET", "/api/v1"+idPath(e.child)+"/relationships", ""); strings.Contains(res.body, "Secret") {
		t.Errorf("API without a grant names the restricted sibling")
	}
	// A brother restricted after the relationship was recorded: the family
	// as it stood before leaves him out too.
	brother, err := e.st.CreatePerson(ctx, people.Person{GivenName: "Ben", FamilyName: "Hidden", DateOfBirth: civil.MustNew(2016, time.June, 1)}, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.CreateRelationship(ctx, people.Relationship{From: e.child, To: brother.ID, Type: "sibling"}, c); err != nil {
		t.Fatal(err)
	}
	before := time.Now().UTC()
	time.Sleep(5 * time.Millisecond)
	if res := b.get(idPath(e.child) + "?as_of=" + before.Format(time.RFC3339Nano)); !strings.Contains(res.body, "Ben Hidden") {
		t.Fatalf("before the restriction the brother is not shown: status %d", res.status)
	}
	if err := e.app.SetRestricted(ctx, app.Actor{Principal: access.Principal{User: e.users[access.Admin]}}, brother.ID, true, "placed for adoption"); err != nil {
		t.Fatal(err)
	}
	if res := b.get(idPath(e.child) + "?as_of=" + before.Format(time.RFC3339Nano)); res.status != http.StatusOK || strings.Contains(res.body, "Hidden") {
		t.Errorf("the family as it stood before the restriction shows the brother: status %d", res.status)
	}
	if res := e.api(access.Practitioner, "GET", "/api/v1"+idPath(e.child)+"/relationships?as_of="+url.QueryEscape(before.Format(time.RFC3339Nano)), ""); res.status != http.StatusOK || strings.Contains(res.body, "Hidden") {
		t.Errorf("API as of before the restriction shows the brother: status %d", res.status)
	}
	if err := e.st.AddGrant(ctx, access.Grant{PersonID: e.restricted, UserID: e.users[access.Practitioner].ID, Reason: "allocated", GrantedBy: e.users[access.Admin].ID, Until: time.Now().Add(time.Hour)}, store.Change{}); err != nil {
		t.Fatal(err)
	}
	if res := b.get(idPath(e.child)); !strings.Contains(res.body, "Ruby Secret") {
		t.Errorf("with a grant the sibling is not shown")
	}
}

// TestAddARelationshipByFindingThePerson: the add page finds the other
// person by name and offers them to choose, without their record number.
func TestAddARelationshipByFindingThePerson(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	path := idPath(e.child) + "/relationships/new"
	// Lena, the child's mother, opens to the practitioner only through the
	// family rule: she is not offered, since a relationship may be made only
	// to a person the user works with.
	if res := b.get(path + "?find=okafor"); res.status != http.StatusOK || strings.Contains(res.body, "Lena Okafor") {
		t.Fatalf("find: status %d, or Lena Okafor, family only, is offered", res.status)
	}
	before, err := e.st.Relationships(context.Background(), sysPermit(e.child), time.Time{})
	if err != nil || len(before) != 1 {
		t.Fatalf("before: %v %d relationships", err, len(before))
	}
	inv := access.Involvement{PersonID: before[0].Other.ID, Kind: "early_help", TeamID: e.team.ID, StartDate: civil.MustNew(2024, time.January, 2)}
	if _, err := e.st.CreateInvolvement(context.Background(), store.Involvement{Involvement: inv}, store.Change{Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	res := b.get(path + "?find=okafor")
	if res.status != http.StatusOK || !strings.Contains(res.body, `name="to" type="radio"`) || !strings.Contains(res.body, "Lena Okafor") {
		t.Fatalf("find: status %d, or Lena Okafor is not offered", res.status)
	}
	if strings.Contains(res.body, `value="`+strconv.FormatInt(int64(e.child), 10)+`"`) {
		t.Errorf("the person whose record this is is offered as their own relative")
	}
	if res := b.get(path + "?find=nobody-has-this-name"); !strings.Contains(res.body, "No one you can see matches") || !strings.Contains(res.body, `id="to" name="to"`) {
		t.Errorf("a search that finds no one does not say so, or offers no record id box")
	}

	res = b.post(path, url.Values{"find": {"okafor"}, "type": {"carer:from"}, "reason": {"lives with them"}})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `href="#to"`) || !strings.Contains(res.body, "Select the other person") || !strings.Contains(res.body, "Lena Okafor") {
		t.Fatalf("no one chosen: status %d", res.status)
	}
	rels, err := e.st.Relationships(context.Background(), sysPermit(e.child), time.Time{})
	if err != nil || len(rels) != 1 {
		t.Fatalf("before: %v %d relationships", err, len(rels))
	}
	lena := strconv.FormatInt(int64(rels[0].Other.ID), 10)
	res = b.post(path, url.Values{"find": {"okafor"}, "to": {lena}, "type": {"carer:from"}, "reason": {"lives with them"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("add: status %d: %.400s", res.status, res.body)
	}
	rels, _ = e.st.Relationships(context.Background(), sysPermit(e.child), time.Time{})
	if len(rels) != 2 || rels[1].Relationship.Type != "carer" || rels[1].Other.ID != rels[0].Other.ID || rels[1].Forward {
		t.Errorf("after: %+v", rels)
	}
}
