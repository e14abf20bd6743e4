package access

import (
	"slices"
	"strings"

	"hearth/internal/errs"
)

// readsRecords reports whether a role opens children's records.
func readsRecords(r Role) bool { return permissions[r][ReadPerson] }

// adminWhoReads reports whether roles hold the administrator role with one
// that reads children's records: the combination CheckRoles refuses.
func adminWhoReads(roles []Role) bool {
	admin, reads := false, false
	for _, r := range roles {
		admin = admin || r == Admin
		reads = reads || readsRecords(r)
	}
	return admin && reads
}

// CheckRoles checks that a set of roles may be held by one account. An
// administrator opens records to others (grants) and lifts restrictions, so
// an account that could also read children's records could widen its own
// access; the administrator role is therefore never combined with a role that
// reads them (practitioner, team manager, MASH, analyst). The error is an
// errs.Invalid error on the field "roles".
func CheckRoles(roles []Role) error {
	if !adminWhoReads(roles) {
		return nil
	}
	var readers []string
	for _, r := range roles {
		if readsRecords(r) && !slices.Contains(readers, RoleLabel(r)) {
			readers = append(readers, RoleLabel(r))
		}
	}
	var f errs.Fields
	f.Add("roles", "An administrator cannot also be %s: administrators manage access and do not read children's records", orList(readers))
	return f.Err()
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) == 1 {
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
