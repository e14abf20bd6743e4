package app

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
)

func TestSelfChange(t *testing.T) {
	me := access.User{ID: 1, DisplayName: "Ada", Roles: []access.Role{access.Admin, access.Auditor}, TeamID: 3}
	tests := []struct {
		name   string
		change func(u *access.User)
		fields []string
	}{
		{"nothing", func(*access.User) {}, nil},
		{"own name", func(u *access.User) { u.DisplayName = "Ada Lovelace" }, nil},
		{"roles in another order", func(u *access.User) { u.Roles = []access.Role{access.Auditor, access.Admin} }, nil},
		{"a role twice", func(u *access.User) { u.Roles = []access.Role{access.Auditor, access.Admin, access.Admin} }, nil},
		{"a role added", func(u *access.User) { u.Roles = append(u.Roles, access.Analyst) }, []string{"roles"}},
		{"the last admin role given up", func(u *access.User) { u.Roles = []access.Role{access.Auditor} }, []string{"roles"}},
		{"a role swapped", func(u *access.User) { u.Roles = []access.Role{access.Admin, access.Analyst} }, []string{"roles"}},
		{"another team", func(u *access.User) { u.TeamID = 4 }, []string{"team_id"}},
		{"no team", func(u *access.User) { u.TeamID = 0 }, []string{"team_id"}},
		{"disabled", func(u *access.User) { u.Disabled = true }, []string{"disabled"}},
		{"all at once", func(u *access.User) { u.Roles, u.TeamID, u.Disabled = nil, 9, true }, []string{"roles", "team_id", "disabled"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := me
			after.Roles = append([]access.Role(nil), me.Roles...)
			tt.change(&after)
			var got []string
			for _, f := range selfChange(me, after) {
				got = append(got, f.Field)
				if f.Message == "" {
					t.Errorf("%s: no message", f.Field)
				}
			}
			if !reflect.DeepEqual(got, tt.fields) {
				t.Errorf("fields %v, want %v", got, tt.fields)
			}
		})
	}
	// Enabling one's own disabled account is refused too, with its own words.
	off := me
	off.Disabled = true
	if fs := selfChange(off, me); len(fs) != 1 || fs[0].Field != "disabled" || fs[0].Message == selfChange(me, off)[0].Message {
		t.Errorf("enabling oneself: %v", fs)
	}
}

func TestUserChanges(t *testing.T) {
	team := func(id access.TeamID) string { return "team " + strconv.FormatInt(int64(id), 10) }
	before := access.User{DisplayName: "Sam", Roles: []access.Role{access.Practitioner}, TeamID: 1}
	tests := []struct {
		name   string
		change func(u *access.User)
		want   []UserChange
	}{
		{"none", func(*access.User) {}, nil},
		{"same roles", func(u *access.User) { u.Roles = []access.Role{access.Practitioner, access.Practitioner} }, nil},
		{"name", func(u *access.User) { u.DisplayName = "Sam Jones" }, []UserChange{{"Name", "Sam", "Sam Jones"}}},
		{"roles", func(u *access.User) { u.Roles = []access.Role{access.Practitioner, access.Admin} },
			[]UserChange{{"Roles", access.RoleLabel(access.Practitioner), access.RoleLabel(access.Practitioner) + ", " + access.RoleLabel(access.Admin)}}},
		{"no roles", func(u *access.User) { u.Roles = nil }, []UserChange{{"Roles", access.RoleLabel(access.Practitioner), "None"}}},
		{"team and account", func(u *access.User) { u.TeamID, u.Disabled = 2, true },
			[]UserChange{{"Team", "team 1", "team 2"}, {"Account", "Active", "Disabled"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := before
			tt.change(&after)
			if got := UserChanges(before, after, team); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestValidExpiry(t *testing.T) {
	today := civil.MustNew(2026, time.June, 10)
	tests := []struct {
		expires civil.Date
		ok      bool
	}{
		{civil.Date{}, true}, // never
		{today, true},
		{today.AddDays(-1), false},
		{civil.MustNew(2027, time.June, 10), true}, // a year ahead
		{civil.MustNew(2027, time.June, 11), false},
		{civil.MustNew(2030, time.January, 1), false},
	}
	for _, tt := range tests {
		var fs errs.Fields
		validExpiry(tt.expires, today, &fs)
		if got := len(fs) == 0; got != tt.ok {
			t.Errorf("%s: ok %v, want %v (%v)", tt.expires, got, tt.ok, fs)
		}
		if !tt.ok && !fs.Has("expires_on") {
			t.Errorf("%s: error does not name expires_on: %v", tt.expires, fs)
		}
	}
	// From 29 February, a year ahead is 1 March.
	leap := civil.MustNew(2028, time.February, 29)
	var fs errs.Fields
	validExpiry(civil.MustNew(2029, time.March, 1), leap, &fs)
	if len(fs) != 0 {
		t.Errorf("a year from 29 February: %v", fs)
	}
}

func TestEndOfDayAndLastDay(t *testing.T) {
	a := &App{}
	d := civil.MustNew(2026, time.June, 12) // summer time: midnight is 23:00 UTC
	end := a.endOfDay(d)
	if want := time.Date(2026, time.June, 12, 23, 0, 0, 0, time.UTC); !end.Equal(want) {
		t.Errorf("end of %s: %s, want %s", d, end, want)
	}
	if got := a.LastDay(end); got != d {
		t.Errorf("last day of a token ending %s: %s, want %s", end, got, d)
	}
	if got := a.LastDay(time.Time{}); !got.IsZero() {
		t.Errorf("last day of a token that never ends: %s", got)
	}
}

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Skip("no time zone database")
	}
	return l
}
