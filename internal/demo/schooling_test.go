package demo

import (
	"context"
	"math"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

func (f *fakeStore) SetCMETeam(_ context.Context, t access.TeamID, _ int, _ store.Change) (int, error) {
	f.cme = t
	return 1, nil
}

func (f *fakeStore) SetVirtualSchoolTeam(_ context.Context, t access.TeamID, _ int, _ store.Change) (int, error) {
	f.virtualSchool = t
	return 1, nil
}

func (f *fakeStore) ImportAttendance(_ context.Context, rows []education.PupilSessions, _ store.Change) (store.AttendanceImport, error) {
	f.attendance = append(f.attendance, rows...)
	return store.AttendanceImport{ID: 1, Rows: len(rows)}, nil
}

// within15 reports whether got is within 15% of the seed's figure.
func within15(got, seed int) bool { return math.Abs(float64(got-seed)) <= 0.15*float64(seed) }

// TestSchoolingSeedFigures holds Demo City's 2022-23 education figures to
// the seed's (within 15%): ISAPP referrals from September 2022 to April
// 2023, their pre-exclusion meetings and the permanent exclusions after
// them; CME enquiries from schools and from others from September 2022 to
// March 2023, and the children whose whereabouts were found; the children
// home educated on 31 March 2023. Every record is valid by its rules.
func TestSchoolingSeedFigures(t *testing.T) {
	t.Parallel()
	c := city1()
	in := func(d civil.Date, y1 int, m1 time.Month, y2 int, m2 time.Month) bool {
		return !d.Before(civil.MustNew(y1, m1, 1)) && d.Before(civil.MustNew(y2, m2, 1))
	}
	var isapp, meetings, perm, cmeSchool, cmeOther, found, ehe int
	census := civil.MustNew(2023, time.March, 31)
	for i, e := range c.Education {
		r := e.Record
		if bad := education.Validate(r); bad != nil {
			t.Fatalf("record %d (%s): %v", i, r.Kind, bad)
		}
		switch r.Kind {
		case education.KindISAPP:
			if in(r.ISAPP.Received, 2022, time.September, 2023, time.May) {
				isapp++
				if !r.ISAPP.PreExclusion.IsZero() {
					meetings++
					if r.ISAPP.Result == "permanent_exclusion" {
						perm++
					}
				}
			}
		case education.KindCME:
			if in(r.CME.Received, 2022, time.September, 2023, time.April) {
				if r.CME.Source == education.CMEFromSchool {
					cmeSchool++
				} else {
					cmeOther++
				}
				switch r.CME.Outcome {
				case "on_roll", "other_la", "abroad":
					found++
				}
			}
		case education.KindEHE:
			if r.OpenOn(census) {
				ehe++
			}
		}
	}
	for _, f := range []struct {
		what      string
		got, seed int
	}{
		{"ISAPP referrals, September 2022 to April 2023", isapp, targetISAPP},
		{"pre-exclusion meetings", meetings, targetPreExclusion},
		{"permanent exclusions after a pre-exclusion meeting", perm, targetISAPPPerm},
		{"CME enquiries from schools, September 2022 to March 2023", cmeSchool, targetCMEEach},
		{"CME enquiries from others", cmeOther, targetCMEEach},
		{"CME enquiries whose child's whereabouts were found", found, targetCMEFound},
		{"children home educated on 31 March 2023", ehe, targetEHEMarch2023},
	} {
		if !within15(f.got, f.seed) {
			t.Errorf("%s: %d, want within 15%% of the seed's %d", f.what, f.got, f.seed)
		}
	}
}

// TestEveryPupilHasAttendance: every child of the city in reception to
// year 11 in 2021-22 and 2022-23 who was not home educated has a valid
// attendance row for each of the year's three terms, with a UPN no one else
// holds; the city's attendance and persistent absence are England's kind
// (about 92% and a fifth), and worse for children with a social worker.
func TestEveryPupilHasAttendance(t *testing.T) {
	t.Parallel()
	c := city1()
	terms := map[[2]int]bool{}
	for _, p := range c.Attendance {
		if terms[[2]int{p.Person, p.Term}] {
			t.Fatalf("pupil %d twice in term %d", p.Person, p.Term)
		}
		terms[[2]int{p.Person, p.Term}] = true
	}
	homeEd := map[[2]int]bool{} // person, school year
	for _, e := range c.Education {
		if e.Kind == education.KindEHE {
			for _, y := range []int{2021, 2022} {
				if !e.Start.After(civil.MustNew(y+1, time.August, 31)) && (e.End.IsZero() || !e.End.Before(civil.MustNew(y, time.September, 1))) {
					homeEd[[2]int{int(e.PersonID), y}] = true
				}
			}
		}
	}
	upns := map[string]int{}
	pupils := map[int]int{}
	for i, p := range c.People {
		if u := p.Identifiers.UPN; u != "" {
			if j, dup := upns[u]; dup {
				t.Fatalf("people %d and %d share UPN %s", j, i, u)
			}
			upns[u] = i
		}
		for y, year := range []int{2021, 2022} {
			yg := yearGroup(p.DateOfBirth, year)
			if p.DateOfBirth.IsZero() || yg < 0 || yg > 11 || homeEd[[2]int{i, year}] || !p.DateOfDeath.IsZero() {
				continue
			}
			pupils[year]++
			for t3 := range 3 {
				if !terms[[2]int{i, 3*y + t3}] {
					t.Fatalf("pupil %d (year group %d in %d) has no attendance for %s", i, yg, year, SchoolTerms[3*y+t3].Name)
				}
			}
			if !people.ValidUPN(p.Identifiers.UPN) {
				t.Fatalf("pupil %d has no valid UPN: %q", i, p.Identifiers.UPN)
			}
		}
	}
	if pupils[2022] < 30000 {
		t.Errorf("%d pupils in 2022-23, want a city's worth", pupils[2022])
	}
	// The year's figures, for all pupils and for those with a social
	// worker, from the rows as imported.
	social := map[int]bool{}
	for _, inv := range c.Involvements {
		if (inv.Kind == KindChildInNeed || inv.Kind == KindChildProtection || inv.Kind == KindLookedAfter) &&
			inv.Open(civil.MustNew(2023, time.March, 31)) {
			social[inv.Person] = true
		}
	}
	year := map[int]education.Attendance{}
	for tm := 3; tm < 6; tm++ {
		for _, row := range c.TermRows(tm) {
			i := upns[row.UPN]
			year[i] = year[i].Add(row.Summary)
		}
	}
	var all, sw education.Attendance
	var pa, paSW, nSW int
	for i, a := range year {
		all = all.Add(a)
		if a.PersistentlyAbsent() {
			pa++
		}
		if social[i] {
			sw = sw.Add(a)
			nSW++
			if a.PersistentlyAbsent() {
				paSW++
			}
		}
	}
	rate, _ := all.RatePerThousand()
	rateSW, _ := sw.RatePerThousand()
	paShare, paSWShare := float64(pa)/float64(len(year)), float64(paSW)/float64(nSW)
	t.Logf("2022-23: %d pupils, attendance %.1f%%, persistent absence %.1f%%; with a social worker: %d, %.1f%%, %.1f%%",
		len(year), float64(rate)/10, 100*paShare, nSW, float64(rateSW)/10, 100*paSWShare)
	if rate < 900 || rate > 950 || paShare < 0.12 || paShare > 0.3 {
		t.Errorf("attendance %d‰ and persistent absence %.2f, want about 92%% and a fifth", rate, paShare)
	}
	if rateSW >= rate || paSWShare <= paShare {
		t.Errorf("children with a social worker attend %d‰ (%.2f persistently absent), no worse than all pupils' %d‰ (%.2f)", rateSW, paSWShare, rate, paShare)
	}
}

// TestLoadNamesTheTeamsAndImportsAttendance: Load names the CME team and
// the Virtual School, and imports every term's attendance.
func TestLoadNamesTheTeamsAndImportsAttendance(t *testing.T) {
	t.Parallel()
	c := city1()
	st := &fakeStore{}
	sum, err := Load(context.Background(), st, c, fakeHash, nil)
	if err != nil {
		t.Fatal(err)
	}
	name := func(id access.TeamID) string {
		for _, tm := range st.teams {
			if tm.ID == id {
				return tm.Name
			}
		}
		return ""
	}
	if name(st.cme) != "Children Missing Education" || name(st.virtualSchool) != "Virtual School" {
		t.Errorf("named %q as the CME team and %q as the Virtual School", name(st.cme), name(st.virtualSchool))
	}
	if len(st.attendance) != len(c.Attendance) || sum.Attendance != len(c.Attendance) {
		t.Errorf("imported %d rows of attendance (summary %d), want %d", len(st.attendance), sum.Attendance, len(c.Attendance))
	}
}
