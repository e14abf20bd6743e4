package demo

import (
	"hearth/internal/civil"
	"hearth/internal/people"
)

// uascOrigins are the backgrounds of unaccompanied asylum-seeking children,
// by weight.
var uascOrigins = ws("afghan:35 eritrean:20 sudanese:15 kurdish:10 albanian:8 vietnamese:5 iranian:5 somali:2")

// makeUnaccompaniedChild makes a child of 15 to 17 who came to the city
// alone. They live in no family household; care finds them a home.
func (g *gen) makeUnaccompaniedChild() {
	o := g.origins[g.pickW(uascOrigins)]
	female := g.chance(0.1)
	dob := g.daysAgo(15*365 + 10 + g.r.IntN(3*365-20))
	var used []string
	p := people.Person{
		GivenName:     g.givenName(o, female, true, &used),
		FamilyName:    g.childsName(o, g.pick(o.family), female, false),
		DateOfBirth:   dob,
		Sex:           sexOf(female),
		Ethnicity:     o.ethnicity,
		FirstLanguage: g.pickW(o.adultLang),
		Religion:      g.pickW(o.religion),
	}
	hi := len(g.households)
	g.households = append(g.households, household{kind: hhSingle, origin: o, ward: g.r.IntN(len(g.wards)), excluded: true})
	k := g.addPerson(p, hi, nil)
	g.households[hi].children = []int{k}
}

func sexOf(female bool) string {
	if female {
		return sexFemale
	}
	return sexMale
}

// makeCareLeavers makes young people of 18 to 21 who were in care: each
// lives in a flat of their own (a few still with their foster carers, under
// Staying Put), has an open care leaver involvement from their eighteenth
// birthday and the closed time in care before it. About one in ten came to
// the city as an unaccompanied child; some are linked to their birth mother.
func (g *gen) makeCareLeavers(cs *caseState, n int) {
	for range n {
		uasc := g.chance(0.1)
		var o, other *origin
		eth := ""
		if uasc {
			o = g.origins[g.pickW(uascOrigins)]
			eth = o.ethnicity
		} else {
			var mx *mix
			o, mx = g.pickBackground()
			if mx != nil {
				o, other = g.origins[mx.a], g.origins[g.pick(mx.b)]
				eth = mx.ethnicity
			} else {
				eth = o.ethnicity
			}
		}
		female := g.chance(0.45)
		if uasc {
			female = g.chance(0.1)
		}
		age := 18 + g.pickIndex([]float64{0.3, 0.28, 0.25, 0.17})
		dob := g.daysAgo(age*365 + g.between(5, 355))
		for dob.AgeOn(g.today) < 18 {
			dob = dob.AddDays(-30)
		}
		eighteen := birthday(dob, 18)

		nameOrigin := o
		if other != nil && g.chance(0.5) {
			nameOrigin = other
		}
		lang := g.pickW(o.adultLang)
		if !uasc && lang != "ENG" && g.chance(o.childEnglish+0.3) {
			lang = "ENG"
		}
		var used []string
		p := people.Person{
			GivenName:     g.givenName(nameOrigin, female, true, &used),
			FamilyName:    g.childsName(nameOrigin, g.pick(nameOrigin.family), female, false),
			DateOfBirth:   dob,
			Sex:           sexOf(female),
			Ethnicity:     eth,
			FirstLanguage: lang,
			Religion:      g.pickW(o.religion),
		}
		if g.chance(0.08) {
			p.Disabilities = g.disabilities()
		}

		// Time in care: from arrival for an unaccompanied child, otherwise
		// from some years before eighteen.
		var inCare civil.Date
		if uasc {
			inCare = minDate(birthday(dob, 15+g.r.IntN(3)).AddDays(g.r.IntN(200)), eighteen.AddDays(-60))
		} else {
			inCare = maxDate(eighteen.AddDays(-g.between(365, 12*365)), dob.AddDays(g.between(0, 30)))
		}

		// A flat of their own since leaving care, and the placement before.
		w := g.pickWard(eth != "WBRI")
		moved := eighteen.AddDays(g.r.IntN(max(1, g.today.DaysSince(eighteen))))
		placed := g.newAddress(g.r.IntN(len(g.wards)), inCare)
		placed.EndDate = moved
		flat := g.newAddress(w, moved)
		hi := len(g.households)
		g.households = append(g.households, household{kind: hhSingle, origin: o, ward: w, excluded: true})
		k := g.addPerson(p, hi, []people.Address{placed, flat})
		g.households[hi].adults = []int{k}

		g.addInvolvement(k, KindLookedAfter, g.teamFor(KindLookedAfter, -1, inCare, nil), inCare, eighteen)
		team := g.teams.leavingCare
		gr := group{kind: KindCareLeaver, team: team, children: []int{k}, allocate: g.chance(allocationRate[KindCareLeaver])}
		gr.invs = append(gr.invs, g.addInvolvement(k, KindCareLeaver, team, eighteen, civil.Date{}))
		cs.groups = append(cs.groups, gr)

		switch {
		case !uasc && age <= 20 && g.chance(0.12):
			// Staying Put: still living with the foster carers.
			if fh := cs.fosters[g.r.IntN(len(cs.fosters))]; len(g.households[fh].adults) > 0 {
				h := &g.households[fh]
				since := maxDate(eighteen.AddDays(-g.between(365, 5*365)), inCare)
				for _, c := range h.adults {
					g.relate(c, k, "foster_carer", since, "Staying Put")
				}
				g.moveTo(k, h.addrs[len(h.addrs)-1], since)
			}
		case !uasc && g.chance(0.4):
			// Their birth mother, who lives elsewhere in the city.
			mo := o
			mdob := g.parentBirthDate(dob, 24, 5)
			var mused []string
			m := people.Person{
				GivenName:     g.givenName(mo, true, false, &mused),
				FamilyName:    g.womansName(mo, g.pick(mo.family), false, false),
				DateOfBirth:   mdob,
				Sex:           sexFemale,
				Ethnicity:     mo.ethnicity,
				FirstLanguage: g.pickW(mo.adultLang),
				Religion:      g.pickW(mo.religion),
			}
			mw := g.pickWard(mo.ethnicity != "WBRI")
			mhi := len(g.households)
			g.households = append(g.households, household{kind: hhSingle, origin: mo, ward: mw, excluded: true})
			mi := g.addPerson(m, mhi, g.householdAddresses(mw, mdob))
			g.households[mhi].adults = []int{mi}
			g.relate(mi, k, "parent", dob, "")
		}
	}
}
