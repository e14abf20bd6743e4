package app

import (
	"hearth/internal/access"
	"hearth/internal/journey"
	"hearth/internal/store"
)

// Where a child in care lives is told only to the roles that must know it
// (access.ReadPlacementAddress): a child placed away from a harmful family,
// or in a refuge, is put at risk by anyone who can pass the address on. Every
// use case that hands a child's journey records to a user passes them
// through seenBy first, so the page, the API and the chronology built from
// them all lack the address alike; keepUnseen stops a change from such a
// user wiping what they could not see.

// seesPlacement reports whether the user may see placement addresses.
func seesPlacement(p access.Principal) bool { return access.Can(p, access.ReadPlacementAddress) }

// seenBy is r as user p may see it: a care episode's postcode, URN and
// foster household removed unless p's roles allow ReadPlacementAddress (the
// household's number leads to its address on the register, and says which
// children live together). The detail is copied, never changed in place,
// since records may be shared.
func seenBy(p access.Principal, r journey.Record) journey.Record {
	if r.CareEpisode == nil || seesPlacement(p) {
		return r
	}
	e := *r.CareEpisode
	e.Postcode, e.URN, e.Household = "", "", 0
	r.CareEpisode = &e
	return r
}

// allSeenBy is seenBy over a list of records, in a new list.
func allSeenBy(p access.Principal, rs []journey.Record) []journey.Record {
	if rs == nil || seesPlacement(p) {
		return rs
	}
	out := make([]journey.Record, len(rs))
	for i, r := range rs {
		out[i] = seenBy(p, r)
	}
	return out
}

// versionsSeenBy is seenBy over every version of a record's history.
func versionsSeenBy(p access.Principal, vs []store.Version[journey.Record]) []store.Version[journey.Record] {
	if vs == nil || seesPlacement(p) {
		return vs
	}
	out := make([]store.Version[journey.Record], len(vs))
	for i, v := range vs {
		v.Record = seenBy(p, v.Record)
		out[i] = v
	}
	return out
}

// keepUnseen gives a change r, made by user p to the record cur, what p
// could not see of cur: a user without ReadPlacementAddress was shown the
// episode without its address, so what they send back says nothing about
// it, and the stored postcode, URN and household stand.
func keepUnseen(p access.Principal, cur, r journey.Record) journey.Record {
	if seesPlacement(p) || r.CareEpisode == nil || cur.CareEpisode == nil {
		return r
	}
	e := *r.CareEpisode
	e.Postcode, e.URN, e.Household = cur.CareEpisode.Postcode, cur.CareEpisode.URN, cur.CareEpisode.Household
	r.CareEpisode = &e
	return r
}

// GivesCare reports whether records of the kind bring a child into the care
// of a team: an episode of care gives its team the looked-after
// involvement, the leaving care service the care-leaver one, and so lasting
// access to the child and their family. Only the roles that know where
// children in care live (ReadPlacementAddress: the children in care and
// leaving care teams' practitioners and managers) record them; the front
// door, which may route a contact to any team, must not be able to turn its
// short access into that.
func GivesCare(k journey.Kind) bool {
	return k == journey.KindCareEpisode || k == journey.KindLeavingCare
}
