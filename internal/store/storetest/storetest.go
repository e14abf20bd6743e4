// Package storetest is the one test suite that every store.Store must pass.
// The SQLite and PostgreSQL stores both run it, so that a difference between
// the databases (case in LIKE, types, time round trips) fails a test instead
// of reaching a council.
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Run runs the suite, whose tests are in a file for each module of the
// store. open must return a new, empty store for each call; the
// suite calls it once per subtest, and subtests run in parallel.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		// People (people.go, atomic.go).
		{"PersonCreateRead", testPersonCreateRead},
		{"PersonUpdateAndHistory", testPersonUpdateAndHistory},
		{"PersonStaleUpdate", testPersonStaleUpdate},
		{"PersonConcurrentUpdates", testPersonConcurrentUpdates},
		{"PersonAsOf", testPersonAsOf},
		{"UniqueIdentifiers", testUniqueIdentifiers},
		{"Search", testSearch},
		{"SearchLimitAndOrder", testSearchLimitAndOrder},
		{"SearchScope", testSearchScope},
		{"PossibleDuplicates", testPossibleDuplicates},
		{"Relationships", testRelationships},
		{"Import", testImport},
		{"ImportAllOrNothing", testImportAllOrNothing},
		{"Atomic", testAtomic},
		// Access facts (accessfacts.go, involvements.go).
		{"Subject", testSubject},
		{"Involvements", testInvolvements},
		{"ReadsNeedAPermit", testReadsNeedAPermit},
		// The journey (journey.go).
		{"JourneyRecords", testJourneyRecords},
		{"JourneyMark", testJourneyMark},
		{"JourneyInvolvements", testJourneyInvolvements},
		{"JourneyMarksItsLine", testJourneyMarksItsLine},
		{"WorkList", testWorkList},
		{"ChildrenWork", testChildrenWork},
		{"WorkListStamp", testWorkListStamp},
		{"WorkStatusSpan", testWorkStatusSpan},
		{"GivenInvolvementsFollowTheirRecord", testGivenInvolvementsFollowTheirRecord},
		{"ImportJourneys", testImportJourneys},
		// Education (education.go).
		{"EducationRecords", testEducationRecords},
		{"EducationInvolvements", testEducationInvolvements},
		// Education on the work lists (eduwork.go).
		{"EducationWorkList", testEducationWorkList},
		{"EducationCaseload", testEducationCaseload},
		{"ExclusionFlags", testExclusionFlags},
		{"VirtualSchoolTeam", testVirtualSchoolTeam},
		{"SchoolCalendar", testSchoolCalendar},
		{"Schools", testSchools},
		{"Attendance", testAttendance},
		{"EducationBulkReads", testEducationBulkReads},
		// The performance framework (performance.go).
		{"PerformanceData", testPerformanceData},
		{"PerformanceChildren", testPerformanceChildren},
		// The statutory returns (returns.go).
		{"ReturnChildren", testReturnChildren},
		{"CouncilDetails", testCouncilDetails},
		{"ImportHistory", testImportHistory},
		// The register of foster households (carers.go).
		{"Households", testHouseholds},
		{"HouseholdList", testHouseholdList},
		{"HouseholdChildren", testHouseholdChildren},
		{"HouseholdWrites", testHouseholdWrites},
		// The transformation programme (programme.go).
		{"ProgrammeRecords", testProgrammeRecords},
		{"ProgrammeSeed", testProgrammeSeed},
		// Supporting Families' claims (claims.go).
		{"Claims", testClaims},
		// Accounts (accounts.go).
		{"UsersTeamsServices", testUsersTeamsServices},
		{"Credentials", testCredentials},
		{"Sessions", testSessions},
		{"SSOSubject", testSSOSubject},
		{"Tokens", testTokens},
		{"UserHistory", testUserHistory},
		{"UserConcurrentUpdates", testUserConcurrentUpdates},
		{"TokenExpiry", testTokenExpiry},
		// Audit (audit.go, accesslog.go, accountwrites.go).
		{"AccessLog", testAccessLog},
		{"AccessLogTyped", testAccessLogTyped},
		{"AccessLogPendingWrites", testAccessLogPendingWrites},
		{"AccountWritesMarkTheirLines", testAccountWritesMarkTheirLines},
		// Settings (settings.go).
		{"Timescales", testTimescales},
		{"TimescalesConcurrentChanges", testTimescalesConcurrentChanges},
		{"TimescalesMarkTheirLine", testTimescalesMarkTheirLine},
		// The daily briefing (briefing.go).
		{"HubTeam", testHubTeam},
		{"BriefingChildren", testBriefingChildren},
		// Referrals of children missing education (cme.go).
		{"CMEReferrals", testCMEReferrals},
		{"CMETeam", testCMETeam},
		// Operations (ops.go).
		{"Ping", testPing},
		{"Backup", testBackup},
		{"ThrottlesAreShared", testThrottlesAreShared},
		{"CacheStamp", testCacheStamp},
		{"SharedSecret", testSharedSecret},
		// Every module (records.go).
		{"DatesAndTimes", testDatesAndTimes},
		{"NothingHardDeleted", testNothingHardDeleted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := open(t)
			tt.fn(t, s)
		})
	}
}

// Helpers.

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// wantCode fails unless err carries code, and returns the *errs.Error.
func wantCode(t *testing.T, err error, code errs.Code) *errs.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	if got := errs.CodeOf(err); got != code {
		t.Fatalf("got error %v (code %s), want code %s", err, got, code)
	}
	return errs.As(err)
}

// wantField fails unless e names field.
func wantField(t *testing.T, e *errs.Error, field string) {
	t.Helper()
	for _, f := range e.Fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("error %v does not name field %q", e, field)
}

func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func sameTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Fatalf("%s: got %s, want %s", what, got.Format(time.RFC3339Nano), want.Format(time.RFC3339Nano))
	}
	if !got.IsZero() && got.Location() != time.UTC {
		t.Fatalf("%s: got a time in %s, want UTC", what, got.Location())
	}
}

func day(y int, m time.Month, d int) civil.Date { return civil.MustNew(y, m, d) }

// at is a fixed moment to the microsecond, the precision every store keeps.
func at(y int, m time.Month, d, h, min, s, micro int) time.Time {
	return time.Date(y, m, d, h, min, s, micro*1000, time.UTC)
}

var userSeq struct {
	sync.Mutex
	n int
}

func mustUser(t *testing.T, s store.Store, display string) access.User {
	t.Helper()
	userSeq.Lock()
	userSeq.n++
	n := userSeq.n
	userSeq.Unlock()
	u, err := s.CreateUser(t.Context(), access.User{
		Username:    fmt.Sprintf("user%d.%s", n, strings.ToLower(strings.Fields(display)[0])),
		DisplayName: display,
		Roles:       []access.Role{access.Practitioner},
	}, "hash", store.Change{})
	ok(t, err)
	return u
}

func mustCreate(t *testing.T, s store.Store, p people.Person, c store.Change) people.Person {
	t.Helper()
	got, err := s.CreatePerson(t.Context(), p, c)
	ok(t, err)
	return got
}

func child(given, family string, dob civil.Date) people.Person {
	return people.Person{GivenName: given, FamilyName: family, DateOfBirth: dob}
}

func withPostcode(p people.Person, postcode string) people.Person {
	p.Addresses = append(p.Addresses, people.Address{Line1: "1 Test Street", Town: "Wolverhampton", Postcode: postcode, StartDate: day(2020, 1, 1)})
	return p
}

func samplePerson() people.Person {
	return people.Person{
		GivenName:  "José",
		FamilyName: "Álvarez",
		OtherNames: []people.OtherName{{Type: "alias", GivenName: "Joe", FamilyName: "Alvarez-Brown"}},

		DateOfBirth: day(2015, time.March, 1),

		Sex:           "1",
		Gender:        "boy",
		Ethnicity:     "WBRI",
		FirstLanguage: "ENG",
		Religion:      "NOT",
		Disabilities:  []string{"HEAR", "VIS"},

		Identifiers: people.Identifiers{LAChildID: "WV000123", NHSNumber: "943 476 5919", UPN: "A801200000001", FormerUPN: "B801200000002"},
		Addresses: []people.Address{
			{Line1: "1 High Street", Town: "Wolverhampton", Postcode: "wv1 1bb", Ward: "St Peter's", StartDate: day(2020, 1, 1)},
			{Line1: "2 Low Street", Line2: "Flat 3", Town: "Wolverhampton", Postcode: "WV10 6QQ", StartDate: day(2015, 3, 1), EndDate: day(2019, 12, 31)},
		},
	}
}

func ids(ss []store.PersonSummary) []people.ID {
	out := []people.ID{}
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

func personIDs(ps []people.Person) []people.ID {
	out := []people.ID{}
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func history(t *testing.T, s store.Store, id people.ID) []store.Version[people.Person] {
	t.Helper()
	h, err := s.PersonHistory(t.Context(), sys(id))
	ok(t, err)
	return h
}

// The tests.

// sys is the permit a store test reads a record with: no user asks.
func sys(id people.ID) access.Permit {
	return access.System(id, access.ReadPerson, "a store test")
}

// involve records a new involvement.
func involve(s store.Store, inv access.Involvement, c store.Change) error {
	_, err := s.CreateInvolvement(context.Background(), store.Involvement{Involvement: inv}, c)
	return err
}

// mustInvolve records a new involvement and returns it.
func mustInvolve(t *testing.T, s store.Store, inv access.Involvement, c store.Change) store.Involvement {
	t.Helper()
	got, err := s.CreateInvolvement(t.Context(), store.Involvement{Involvement: inv}, c)
	ok(t, err)
	return got
}
