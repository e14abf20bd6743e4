package access

import (
	"slices"
	"strings"

	"hearth/internal/errs"
)

// readsRecords reports whether a role opens children's records.
func readsRecords(r Role) bool { return permissions[r][ReadPerson] }

// notWithAdmin reports whether a role may not be held with the
// administrator's: one that reads children's records, or the auditor's, whose
// log holds what others typed about children (names, identifiers) and which
// checks what administrators do.
func notWithAdmin(r Role) bool { return readsRecords(r) || r == Auditor }

// adminWhoReads reports whether roles hold the administrator role with one
// that may not go with it: the combination CheckRoles refuses.
func adminWhoReads(roles []Role) bool {
	admin, other := false, false
	for _, r := range roles {
		admin = admin || r == Admin
		other = other || notWithAdmin(r)
	}
	return admin && other
}

// CheckRoles checks that a set of roles may be held by one account. An
// administrator opens records to others (grants) and lifts restrictions, so
// an account that could also read children's records could widen its own
// access; the administrator role is therefore never combined with a role that
// reads them (practitioner, team manager, MASH, analyst), nor with the
// auditor's, who reads the access log (whose notes hold what others typed
// about children) and checks what administrators do. The error is an
// errs.Invalid error on the field "roles".
func CheckRoles(roles []Role) error {
	if !adminWhoReads(roles) {
		return nil
	}
	var others []string
	for _, r := range roles {
		if notWithAdmin(r) && !slices.Contains(others, RoleLabel(r)) {
			others = append(others, RoleLabel(r))
		}
	}
	var f errs.Fields
	f.Add("roles", "An administrator cannot also be %s: administrators manage access, and neither read children's records nor audit their own work", orList(others))
	return f.Err()
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) == 1 {
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
