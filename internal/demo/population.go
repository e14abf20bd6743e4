package demo

import (
	"hearth/internal/civil"
	"hearth/internal/people"
)

// What kind of household a family is.
type hhKind int

const (
	hhTwoParent hhKind = iota
	hhLoneMother
	hhLoneFather
	hhStep    // a mother, a step-father, her older children and perhaps theirs
	hhKinship // grandparents or an aunt bringing up the children
	hhSingle  // one young adult: a care leaver or a parent living apart
)

// household is a family living at one address.
type household struct {
	kind     hhKind
	origin   *origin
	ward     int
	need     float64 // how likely the family is to need help, relative
	adults   []int   // parents and carers, the main carer first
	children []int   // children under 18 and unborn children, eldest first
	grown    []int   // sons and daughters of 18 or over living at home
	addrs    []people.Address
	excluded bool // a staff member's family, adoptive family or foster home: kept out of caseloads
	fosters  int  // children fostered here now
}

// Sex codes.
const (
	sexMale    = "1"
	sexFemale  = "2"
	sexUnborn  = "0"
	relUnknown = "NOT"
)

// youngestAgeWeights weights the age (in whole years) of a household's
// youngest child. Younger ages weigh more because older children also come
// into the population as elder siblings; the weights were set so that the
// city's children are spread about evenly over the ages 0 to 17.
var youngestAgeWeights = []float64{1.00, 0.87, 0.74, 0.67, 0.61, 0.61, 0.56, 0.54, 0.52, 0.52, 0.53, 0.51, 0.51, 0.50, 0.51, 0.52, 0.50, 0.56}

// buildPopulation makes the city's households until the children under 18
// number exactly ChildrenAtScale1 times the scale. Unaccompanied children in
// care, who live in no family household, are counted in the total; care
// leavers are adults and are made with the caseloads.
func (g *gen) buildPopulation() {
	target := ChildrenAtScale1 * g.scale
	remaining := target - targetUASC*g.scale
	// About 2.2 people and 3.1 relationships to each child, with room for
	// care leavers; sizing the slices once saves copying them as they grow.
	g.city.People = make([]people.Person, 0, target*23/10)
	g.city.Relationships = make([]people.Relationship, 0, target*33/10)
	g.hhOf = make([]int, 0, target*23/10)
	g.known = make([]bool, 0, target*23/10)
	g.households = make([]household, 0, target*6/10)
	for remaining > 0 {
		remaining -= g.makeHousehold(remaining)
	}
	for range targetUASC * g.scale {
		g.makeUnaccompaniedChild()
	}
}

// pickBackground picks a household's background: an origin, or a mix of two.
func (g *gen) pickBackground() (o *origin, m *mix) {
	i := g.pickIndex(g.backgroundWeights)
	if i < len(origins) {
		return &origins[i], nil
	}
	return nil, &mixes[i-len(origins)]
}

// member is a person about to be made.
type member struct {
	p      people.Person
	female bool
}

// family is a household while makeHousehold makes it: its background, the
// facts its members share and the adults chosen so far. Each step of
// makeHousehold fills in part of it. The steps draw from the generator's
// random source in a fixed order, on which the whole city depends: moving a
// draw from one step to another changes every household after it.
type family struct {
	g *gen
	h household

	o        *origin // the household's background (a mixed one's first)
	mx       *mix    // the mix, when the household is of mixed background
	other    *origin // a mixed household's second background
	childEth string  // the children's ethnicity

	young, grown []civil.Date // the children's birth dates: under 18, and 18 or over at home
	eldest       civil.Date   // the eldest child's, grown-up or not

	lang, religion string   // the household's main language and religion
	refused        string   // "REFU" or "NOBT" when the family declined to give an ethnicity
	singhKaur      bool     // the family uses Singh and Kaur
	surname        string   // the family's name
	usedNames      []string // given names taken in this household
	motherDOB      civil.Date

	adults    []member
	fatherOf  []int // for each child: index into adults of the child's father, -1 if absent
	motherIdx int   // index into adults of the children's mother, -1 if none lives here
	aunt      bool  // kinship: an aunt, not grandparents
	// A father who lives elsewhere, whom the record may name: he is the
	// father of the first absentKids children.
	absentOrigin *origin
	absentName   string
	absentKids   int
	older        int // step-family: how many children are from the mother's earlier relationship
	childSurname []string
	index        int // the household's index in g.households
}

// makeHousehold makes one household with at most limit children under 18 and
// returns how many it has.
func (g *gen) makeHousehold(limit int) int {
	f := g.newFamily()
	if !f.chooseChildren(limit) {
		return 0
	}
	f.chooseSharedFacts()
	switch f.h.kind {
	case hhKinship:
		f.chooseKinshipCarers()
	case hhLoneMother, hhLoneFather:
		f.chooseLoneParent()
	case hhStep:
		f.chooseStepParents()
	default:
		f.chooseTwoParents()
	}
	f.makeMembers()
	f.addExpectedBaby()
	f.addLivingGrandparent()
	f.relateMembers()
	g.households = append(g.households, f.h)
	return len(f.young)
}

// newFamily picks a household's background, ward and kind.
func (g *gen) newFamily() *family {
	f := &family{g: g, motherIdx: -1}
	o, mx := g.pickBackground()
	lone, step := 0.0, 0.0
	if mx != nil {
		o = g.origins[mx.a]
		f.other = g.origins[g.pick(mx.b)]
		f.childEth = mx.ethnicity
		lone = mx.lone
	} else {
		f.childEth = o.ethnicity
		lone, step = o.lone, o.step
	}
	f.o, f.mx = o, mx

	f.h = household{origin: o}
	minority := f.childEth != "WBRI"
	f.h.ward = g.pickWard(minority)
	f.h.need = g.wards[f.h.ward].need

	switch r := g.r.Float64(); {
	case r < 0.012:
		f.h.kind = hhKinship
	case r < 0.012+lone:
		f.h.kind = hhLoneMother
		if g.chance(0.1) {
			f.h.kind = hhLoneFather
		}
	case r < 0.012+lone+step:
		f.h.kind = hhStep
	default:
		f.h.kind = hhTwoParent
	}
	return f
}

// chooseChildren picks the children's birth dates, eldest first, with those
// 18 or over who still live at home. It reports false, and the household is
// not made, when none is under 18.
func (f *family) chooseChildren(limit int) bool {
	g := f.g
	nKids := 1 + g.poisson(f.o.kids-1)
	if f.mx != nil {
		nKids = 1 + g.poisson(0.75)
	}
	nKids = min(nKids, 8)
	dobs := g.childBirthDates(nKids)
	for _, d := range dobs {
		switch age := d.AgeOn(g.today); {
		case age < 18:
			f.young = append(f.young, d)
		case age < 25 && g.chance(0.7):
			f.grown = append(f.grown, d)
		}
	}
	if len(f.young) == 0 {
		return false
	}
	if len(f.young) > limit {
		f.young = f.young[:limit]
	}
	if f.h.kind == hhStep || f.h.kind == hhKinship {
		f.grown = nil
	}
	f.eldest = f.young[0]
	if len(f.grown) > 0 {
		f.eldest = f.grown[0]
	}
	f.childSurname = make([]string, len(f.young)+len(f.grown))
	return true
}

// chooseSharedFacts picks what the household's members share: language,
// religion, whether they gave an ethnicity, the family's name, and the
// mother's age, which follows from the eldest child's date of birth.
func (f *family) chooseSharedFacts() {
	g := f.g
	f.lang = g.pickW(f.o.adultLang)
	f.religion = g.pickW(f.o.religion)
	switch r := g.r.Float64(); {
	case r < 0.004:
		f.refused = "REFU"
	case r < 0.010:
		f.refused = "NOBT"
	}
	f.singhKaur = g.chance(f.o.singhKaur)
	f.surname = g.pick(f.o.family)
	f.usedNames = make([]string, 0, 8)
	f.motherDOB = g.parentBirthDate(f.eldest, 27, 5.5)
}

// newMember makes a member of the household of a background.
func (f *family) newMember(or *origin, female, child bool, dob civil.Date, eth, lang string) member {
	g := f.g
	m := member{female: female}
	m.p.GivenName = g.givenName(or, female, child, &f.usedNames)
	m.p.DateOfBirth = dob
	m.p.Sex = sexMale
	if female {
		m.p.Sex = sexFemale
	}
	m.p.Ethnicity = eth
	if f.refused != "" {
		m.p.Ethnicity = f.refused
	}
	m.p.FirstLanguage = lang
	m.p.Religion = f.religion
	if or != f.o {
		m.p.Religion = g.pickW(or.religion)
	}
	if g.chance(0.07) {
		m.p.Religion = relUnknown
	}
	rate := 0.06
	if child {
		rate = 0.045
	}
	if g.chance(rate) {
		m.p.Disabilities = g.disabilities()
	}
	return m
}

// adultLang is an adult's first language: mostly the household's.
func (f *family) adultLang(or *origin) string {
	if or == f.o && f.g.chance(0.85) {
		return f.lang
	}
	return f.g.pickW(or.adultLang)
}

// childLang is a child's first language: English, more often than their
// parents'.
func (f *family) childLang() string {
	g := f.g
	if f.mx != nil {
		if g.chance(0.1) {
			return g.pickW(f.other.adultLang)
		}
		return "ENG"
	}
	if f.lang == "ENG" || g.chance(f.o.childEnglish) {
		return "ENG"
	}
	return f.lang
}

// partnerDOB is a partner's date of birth: a few years older or younger than
// ref, but at least 17 when the eldest child was born.
func (f *family) partnerDOB(ref civil.Date) civil.Date {
	g := f.g
	d := ref.AddDays(-int(365 * (2.5 + 3.5*g.r.NormFloat64())))
	return g.clampAdult(minDate(d, yearsBefore(f.eldest, 17).AddDays(-g.r.IntN(365))))
}

// chooseKinshipCarers makes a grandmother (and often a grandfather), or an
// aunt, bringing up their grandchildren or nieces and nephews.
func (f *family) chooseKinshipCarers() {
	g, o := f.g, f.o
	f.aunt = g.chance(0.25)
	gmDOB := g.clampElder(f.eldest.AddDays(-int(365 * (46 + 6*g.r.NormFloat64()))))
	if f.aunt {
		gmDOB = g.parentBirthDate(f.eldest, 30, 6)
	}
	gm := f.newMember(o, true, false, gmDOB, o.ethnicity, f.adultLang(o))
	gm.p.FamilyName = g.womansName(o, f.surname, f.singhKaur, true)
	f.adults = append(f.adults, gm)
	if !f.aunt && g.chance(0.5) {
		gf := f.newMember(o, false, false, g.clampElder(gmDOB.AddDays(-g.between(0, 6*365))), o.ethnicity, f.adultLang(o))
		gf.p.FamilyName = g.mansName(f.surname, f.singhKaur)
		f.adults = append(f.adults, gf)
	}
	kidsName := f.surname
	if g.chance(0.4) {
		kidsName = g.pick(o.family) // their parents' name, not the carer's
	}
	for i := range f.childSurname {
		f.childSurname[i] = kidsName
	}
}

// chooseLoneParent makes a mother, or a father, bringing the children up
// alone; a mother's children's father may live elsewhere.
func (f *family) chooseLoneParent() {
	g, o := f.g, f.o
	female := f.h.kind == hhLoneMother
	dob := f.motherDOB
	if !female {
		dob = f.partnerDOB(f.motherDOB)
	}
	po := o
	if f.mx != nil && !female {
		po = f.other
	}
	p := f.newMember(po, female, false, dob, po.ethnicity, f.adultLang(po))
	own := g.pick(po.family)
	if female {
		p.p.FamilyName = g.womansName(po, own, f.singhKaur, false)
	} else {
		p.p.FamilyName = g.mansName(own, f.singhKaur)
	}
	f.adults = append(f.adults, p)
	absent := g.pick(o.family)
	if f.mx != nil {
		absent = g.pick(f.other.family)
	}
	useAbsent := female && g.chance(0.45) // the children have their father's name
	for i := range f.childSurname {
		f.childSurname[i] = own
		if useAbsent {
			f.childSurname[i] = absent
		}
	}
	if female {
		f.motherIdx = 0
		f.absentOrigin, f.absentName, f.absentKids = o, absent, len(f.childSurname)
		if f.mx != nil {
			f.absentOrigin = f.other
		}
	} else {
		f.fatherOf = fill(len(f.childSurname), 0)
	}
}

// chooseStepParents makes a mother and her present partner: her older
// children are from an earlier relationship; then, perhaps, children with
// him.
func (f *family) chooseStepParents() {
	g, o := f.g, f.o
	mum := f.newMember(o, true, false, f.motherDOB, o.ethnicity, f.adultLang(o))
	mumOwn := g.pick(o.family)
	mum.p.FamilyName = g.womansName(o, mumOwn, f.singhKaur, false)
	sf := f.newMember(o, false, false, f.partnerDOB(f.motherDOB), o.ethnicity, f.adultLang(o))
	sf.p.FamilyName = g.mansName(f.surname, f.singhKaur)
	f.adults = append(f.adults, mum, sf)
	f.motherIdx = 0
	kids := len(f.childSurname)
	f.older = kids
	if kids > 1 {
		f.older = g.between(1, kids-1)
	}
	prev := g.pick(o.family)
	f.absentOrigin, f.absentName, f.absentKids = o, prev, f.older
	olderName := prev
	if g.chance(0.5) {
		olderName = mumOwn
	}
	f.fatherOf = fill(kids, -1)
	for i := range f.childSurname {
		if i < f.older {
			f.childSurname[i] = olderName
		} else {
			f.childSurname[i] = f.surname
			f.fatherOf[i] = 1
		}
	}
}

// chooseTwoParents makes two parents, of one background or, in a mixed
// household, one of each.
func (f *family) chooseTwoParents() {
	g, o, mx := f.g, f.o, f.mx
	mumOrigin, dadOrigin := o, o
	if mx != nil {
		if g.chance(0.3) {
			mumOrigin = f.other
		} else {
			dadOrigin = f.other
		}
	}
	twoMothers := mx == nil && o.key == "british" && g.chance(0.008)
	mum := f.newMember(mumOrigin, true, false, f.motherDOB, mumOrigin.ethnicity, f.adultLang(mumOrigin))
	dad := f.newMember(dadOrigin, twoMothers, false, f.partnerDOB(f.motherDOB), dadOrigin.ethnicity, f.adultLang(dadOrigin))
	dadFam := f.surname
	if mx != nil {
		dadFam = g.pick(dadOrigin.family)
	}
	if dad.female {
		dad.p.FamilyName = g.womansName(dadOrigin, dadFam, f.singhKaur, true)
	} else {
		dad.p.FamilyName = g.mansName(dadFam, f.singhKaur)
	}
	mumKeeps := g.chance(mumOrigin.keepsName) || mx != nil && g.chance(0.4)
	mumOwn := g.pick(mumOrigin.family)
	if mumKeeps {
		mum.p.FamilyName = g.womansName(mumOrigin, mumOwn, f.singhKaur, false)
	} else {
		mum.p.FamilyName = g.womansName(mumOrigin, dadFam, f.singhKaur, true)
	}
	f.adults = append(f.adults, mum, dad)
	f.motherIdx = 0
	f.fatherOf = fill(len(f.childSurname), 1)
	kidsName := dadFam
	if mumKeeps && g.chance(0.12) {
		kidsName = mumOwn
	}
	for i := range f.childSurname {
		f.childSurname[i] = kidsName
	}
}

// makeMembers gives the household its address and adds its people to the
// city: adults, then grown-up sons and daughters, then the children, each
// eldest first.
func (f *family) makeMembers() {
	g := f.g
	f.index = len(g.households)
	f.h.addrs = g.householdAddresses(f.h.ward, f.adults[0].p.DateOfBirth)
	for _, a := range f.adults {
		f.h.adults = append(f.h.adults, g.addPerson(a.p, f.index, f.h.addrs))
	}
	for i, d := range f.grown {
		f.h.grown = append(f.h.grown, f.makeChild(i, d))
	}
	for i, d := range f.young {
		f.h.children = append(f.h.children, f.makeChild(len(f.grown)+i, d))
	}
}

// makeChild adds the household's child i, born on dob, to the city.
func (f *family) makeChild(i int, dob civil.Date) int {
	g := f.g
	ko := f.o
	if f.mx != nil && g.chance(0.5) {
		ko = f.other
	}
	female := g.chance(0.49)
	k := f.newMember(ko, female, true, dob, f.childEth, f.childLang())
	if f.mx != nil {
		k.p.Religion = f.adults[0].p.Religion
	}
	k.p.FamilyName = g.childsName(f.o, f.childSurname[i], female, f.singhKaur)
	if hasDisability(k.p.Disabilities, "HEAR") && g.chance(0.15) {
		k.p.FirstLanguage = "BSL"
	}
	return g.addPerson(k.p, f.index, f.h.addrs)
}

// addExpectedBaby adds an unborn child, in a few households.
func (f *family) addExpectedBaby() {
	g, h := f.g, &f.h
	if f.motherIdx < 0 || len(f.young) == 0 || !g.chance(0.0016) {
		return
	}
	mumAge := f.adults[f.motherIdx].p.DateOfBirth.AgeOn(g.today)
	if mumAge > 43 || f.young[len(f.young)-1].AgeOn(g.today) < 1 {
		return
	}
	u := people.Person{
		FamilyName:          g.people(h.children[len(h.children)-1]).FamilyName,
		ExpectedDateOfBirth: g.today.AddDays(g.between(14, 200)),
		Sex:                 sexUnborn,
		Ethnicity:           g.people(h.children[0]).Ethnicity,
		FirstLanguage:       g.people(h.children[len(h.children)-1]).FirstLanguage,
		Religion:            f.adults[f.motherIdx].p.Religion,
	}
	h.children = append(h.children, g.addPerson(u, f.index, h.addrs))
	if f.fatherOf != nil {
		f.fatherOf = append(f.fatherOf, f.fatherOf[len(f.fatherOf)-1])
	}
}

// addLivingGrandparent adds a grandparent living with a two-parent family,
// as many families of some backgrounds do.
func (f *family) addLivingGrandparent() {
	g, o, h := f.g, f.o, &f.h
	if h.kind != hhTwoParent || !g.chance(o.multigen) || f.mx != nil {
		return
	}
	parentIdx := 1 // the father's parent, in most families that live together
	if !g.chance(0.8) {
		parentIdx = 0
	}
	parent := g.people(h.adults[parentIdx])
	gDOB := g.clampElder(minDate(parent.DateOfBirth.AddDays(-int(365*(26+4*g.r.NormFloat64()))), yearsBefore(parent.DateOfBirth, 17)))
	female := g.chance(0.65)
	e := f.newMember(o, female, false, gDOB, o.ethnicity, g.pickW(o.adultLang))
	if f.lang != "ENG" && g.chance(0.9) {
		e.p.FirstLanguage = f.lang
	}
	surname := f.surname
	if parentIdx == 0 {
		surname = g.pick(o.family)
	}
	if female {
		e.p.FamilyName = g.womansName(o, surname, f.singhKaur, true)
	} else {
		e.p.FamilyName = g.mansName(surname, f.singhKaur)
	}
	ei := g.addPerson(e.p, f.index, h.addrs)
	g.relate(ei, h.adults[parentIdx], "parent", g.people(h.adults[parentIdx]).DateOfBirth, "")
	for _, k := range append(append([]int{}, h.grown...), h.children...) {
		g.relate(ei, k, "grandparent", g.people(k).DateOfBirth, "")
	}
}

// relateMembers records, sometimes, the father who lives elsewhere, and the
// relationships between the members.
func (f *family) relateMembers() {
	g, h := f.g, &f.h
	if f.absentOrigin != nil && g.chance(0.5) {
		kids := append(append([]int{}, h.grown...), h.children...)
		g.absentFather(f.absentOrigin, f.absentName, f.partnerDOB(f.motherDOB), kids[:f.absentKids])
	}
	switch h.kind {
	case hhKinship:
		g.kinshipRelationships(h, f.aunt)
	case hhStep:
		g.stepRelationships(h, f.older)
	default:
		g.familyRelationships(h, f.motherIdx, f.fatherOf)
	}
}

// absentFather records a father who lives elsewhere in the city, linked to
// his children.
func (g *gen) absentFather(o *origin, surname string, dob civil.Date, kids []int) {
	var used []string
	p := people.Person{
		GivenName:     g.givenName(o, false, false, &used),
		FamilyName:    surname,
		DateOfBirth:   dob,
		Sex:           sexMale,
		Ethnicity:     o.ethnicity,
		FirstLanguage: g.pickW(o.adultLang),
		Religion:      g.pickW(o.religion),
	}
	w := g.pickWard(o.ethnicity != "WBRI")
	hi := len(g.households)
	g.households = append(g.households, household{kind: hhSingle, origin: o, ward: w, excluded: true})
	f := g.addPerson(p, hi, g.householdAddresses(w, dob))
	g.households[hi].adults = []int{f}
	for _, k := range kids {
		g.relate(f, k, "parent", g.people(k).DateOfBirth, "")
	}
}

// people returns the person at index i.
func (g *gen) people(i int) *people.Person { return &g.city.People[i] }

// addPerson appends a person living at the household's addresses and returns
// their index.
func (g *gen) addPerson(p people.Person, hh int, addrs []people.Address) int {
	p.Addresses = g.addressesFrom(addrs, p)
	g.city.People = append(g.city.People, p)
	g.hhOf = append(g.hhOf, hh)
	g.known = append(g.known, false)
	return len(g.city.People) - 1
}

// addressesFrom copies a household's addresses for one person, starting no
// earlier than their birth (an unborn child gets the current one only).
func (g *gen) addressesFrom(addrs []people.Address, p people.Person) []people.Address {
	if len(addrs) == 0 {
		return nil
	}
	if p.DateOfBirth.IsZero() {
		return []people.Address{addrs[len(addrs)-1]}
	}
	var out []people.Address
	for _, a := range addrs {
		if !a.EndDate.IsZero() && !a.EndDate.After(p.DateOfBirth) {
			continue
		}
		a.StartDate = maxDate(a.StartDate, p.DateOfBirth)
		out = append(out, a)
	}
	return out
}

// relate records a relationship between two people by index.
func (g *gen) relate(from, to int, typ string, start civil.Date, note string) {
	g.city.Relationships = append(g.city.Relationships, people.Relationship{
		From: people.ID(from), To: people.ID(to), Type: typ, StartDate: start, Note: note,
	})
}

// familyRelationships links the parents of a two-parent or lone-parent
// household to their children, the couple to each other, and the children
// to each other.
func (g *gen) familyRelationships(h *household, motherIdx int, fatherOf []int) {
	kids := append(append([]int{}, h.grown...), h.children...)
	if h.kind == hhTwoParent {
		start := maxDate(birthday(g.people(h.adults[0]).DateOfBirth, 18), birthday(g.people(h.adults[1]).DateOfBirth, 18))
		if first := g.people(kids[0]).DateOfBirth; !first.IsZero() {
			start = maxDate(start, first.AddDays(-g.between(200, 6*365)))
		}
		g.relate(h.adults[0], h.adults[1], "partner", start, "")
	}
	for i, k := range kids {
		dob := g.people(k).DateOfBirth
		if motherIdx >= 0 {
			g.relate(h.adults[motherIdx], k, "parent", dob, "")
		}
		if fatherOf != nil && fatherOf[i] >= 0 {
			g.relate(h.adults[fatherOf[i]], k, "parent", dob, "")
		}
	}
	g.siblings(kids, nil)
}

// stepRelationships links a step-family: the mother to all her children, the
// step-father to her older children as step-parent and to his own as parent,
// and the children as full or half siblings.
func (g *gen) stepRelationships(h *household, older int) {
	mum, sf := h.adults[0], h.adults[1]
	kids := h.children
	// The couple got together after the older children were born and, when
	// they have children of their own, before those.
	lastOlder := g.people(kids[min(older, len(kids))-1]).DateOfBirth
	together := lastOlder.AddDays(g.between(180, 4*365))
	if older < len(kids) {
		if first := g.people(kids[older]).DateOfBirth; !first.IsZero() {
			together = minDate(together, first.AddDays(-g.between(270, 900)))
		}
	}
	together = maxDate(minDate(together, g.daysAgo(30)), lastOlder)
	g.relate(mum, sf, "partner", together, "")
	group := make([]int, len(kids))
	for i, k := range kids {
		dob := g.people(k).DateOfBirth
		g.relate(mum, k, "parent", dob, "")
		if i < older {
			g.relate(sf, k, "step_parent", together, "")
		} else {
			g.relate(sf, k, "parent", dob, "")
			group[i] = 1
		}
	}
	g.siblings(kids, group)
}

// kinshipRelationships links grandparents or an aunt to the children they
// bring up: by family, and by the order or arrangement that lets them care.
func (g *gen) kinshipRelationships(h *household, aunt bool) {
	carers := h.adults
	for _, k := range h.children {
		dob := g.people(k).DateOfBirth
		since := dob
		if !dob.IsZero() {
			since = minDate(dob.AddDays(g.between(60, 5*365)), g.daysAgo(g.between(30, 400)))
			since = maxDate(since, dob)
		}
		for i, c := range carers {
			switch {
			case aunt:
				g.relate(c, k, "aunt_uncle", dob, "")
				g.relate(c, k, "carer", since, "Child arrangements order")
			default:
				g.relate(c, k, "grandparent", dob, "")
				if i == 0 {
					if g.chance(0.45) {
						g.relate(c, k, "special_guardian", since, "Special guardianship order")
					} else {
						g.relate(c, k, "carer", since, "Kinship care")
					}
				}
			}
		}
	}
	if len(carers) == 2 {
		g.relate(carers[0], carers[1], "partner", birthday(g.people(carers[0]).DateOfBirth, 25), "")
	}
	g.siblings(h.children, nil)
}

// siblings links every pair of children: full siblings when group (the
// children's father, in a step-family) is the same, half siblings otherwise.
// A nil group makes them all full siblings. The elder is From.
func (g *gen) siblings(kids []int, group []int) {
	for i := 0; i < len(kids); i++ {
		for j := i + 1; j < len(kids); j++ {
			typ := "sibling"
			if group != nil && group[i] != group[j] {
				typ = "half_sibling"
			}
			start := g.people(kids[j]).DateOfBirth
			g.relate(kids[i], kids[j], typ, start, "")
		}
	}
}

// childBirthDates returns n birth dates, eldest first: the youngest's age is
// drawn, and each elder sibling is born one to seven years before the next
// (twins now and then).
func (g *gen) childBirthDates(n int) []civil.Date {
	y := g.pickIndex(youngestAgeWeights)
	days := y*365 + g.r.IntN(365)
	out := make([]civil.Date, n)
	for i := n - 1; i >= 0; i-- {
		out[i] = g.daysAgo(days)
		if g.chance(0.015) {
			continue // the next elder is a twin
		}
		gap := 320 + int(g.r.ExpFloat64()*700)
		days += min(gap, 3000)
	}
	return out
}

// parentBirthDate returns a birth date for a parent who was about mean years
// old (with spread sd) when their eldest child was born, kept 18 to 60 today.
func (g *gen) parentBirthDate(eldest civil.Date, mean, sd float64) civil.Date {
	age := mean + sd*g.r.NormFloat64()
	age = max(17, min(age, 43))
	d := eldest.AddDays(-int(age*365.25) - g.r.IntN(200))
	return g.clampAdult(d)
}

// clampAdult keeps a birth date between 18 and 60 years before today.
func (g *gen) clampAdult(d civil.Date) civil.Date {
	youngest := yearsBefore(g.today, 18).AddDays(-g.r.IntN(300))
	oldest := yearsBefore(g.today, 60).AddDays(g.r.IntN(300) + 1)
	return maxDate(minDate(d, youngest), oldest)
}

// clampElder keeps a grandparent's birth date between 40 and 88 years ago.
func (g *gen) clampElder(d civil.Date) civil.Date {
	return maxDate(minDate(d, yearsBefore(g.today, 40)), yearsBefore(g.today, 88))
}

// householdAddresses gives a household its current address and, for about
// one in five, the address it lived at before.
func (g *gen) householdAddresses(w int, eldestAdult civil.Date) []people.Address {
	earliest := birthday(eldestAdult, 18)
	if g.chance(0.2) {
		moved := g.daysAgo(g.between(20, 5*365))
		prevStart := maxDate(moved.AddDays(-g.between(365, 12*365)), earliest)
		pw := w
		if g.chance(0.4) {
			pw = g.r.IntN(len(g.wards))
		}
		prev := g.newAddress(pw, minDate(prevStart, moved))
		prev.EndDate = moved
		cur := g.newAddress(w, moved)
		return []people.Address{prev, cur}
	}
	start := maxDate(g.daysAgo(g.between(3*365, 20*365)), earliest)
	return []people.Address{g.newAddress(w, minDate(start, g.today))}
}

// disabilityWeights weights the CIN census disability codes by how often
// children known to social care have them.
var disabilityWeights = ws("AUT:30 LD:20 COMM:14 BEH:10 MOB:8 HEAR:5 VIS:4 CON:3 HAND:2 PC:2 INC:1 DDA:1")

// disabilities returns one or two disability codes, the commoner ones more
// often.
func (g *gen) disabilities() []string {
	first := g.pickW(disabilityWeights)
	if g.chance(0.15) {
		if second := g.pickW(disabilityWeights); second != first {
			return []string{first, second}
		}
	}
	return []string{first}
}

func hasDisability(ds []string, code string) bool {
	for _, d := range ds {
		if d == code {
			return true
		}
	}
	return false
}

func fill(n, v int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}
