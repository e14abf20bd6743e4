package sso

import (
	"slices"
	"strings"

	"hearth/internal/access"
)

// Identity is what a verified ID token says of the person signing in.
type Identity struct {
	Issuer  string
	Subject string
	Email   string // the claim named by Config.EmailClaim, "" if absent
	Name    string // the "name" claim
	Groups  []string
}

// Key is how the store is asked for the Hearth user an identity names:
// by the stored subject or by username. Exactly one is set.
type Key struct {
	Subject  string
	Username string
}

// Subject is the stored form of a provider's subject: the issuer and the
// subject together, since a subject is unique only within its issuer. A
// council that moves to another provider must match its users again.
func Subject(issuer, sub string) string { return issuer + "#" + sub }

// KeyFor says which Hearth user an identity names under the council's
// choice of claim, or false if the token lacks that claim. The username
// form is normalised as usernames are (access.NormaliseUsername), so an
// address matches whatever its letter case.
func KeyFor(c Config, id Identity) (Key, bool) {
	switch c.Match {
	case BySubject:
		if id.Subject == "" {
			return Key{}, false
		}
		return Key{Subject: Subject(id.Issuer, id.Subject)}, true
	case ByEmail:
		if name, ok := LocalName(c, id.Email); ok {
			return Key{Username: name}, true
		}
	}
	return Key{}, false
}

// LocalName is the Hearth username an address names: its part before the
// "@", when the address is in one of the council's own domains
// (Config.EmailDomains) and that part is a valid username. An address at any
// other domain names nobody, so that a guest account the provider holds for
// someone outside the council (jane.smith@example.com) cannot sign in as the
// council's jane.smith.
func LocalName(c Config, email string) (string, bool) {
	local, domain, ok := strings.Cut(strings.ToLower(strings.TrimSpace(email)), "@")
	if !ok || local == "" || !slices.Contains(c.EmailDomains, domain) {
		return "", false
	}
	if access.ValidateUsername(local) != nil {
		return "", false
	}
	return local, true
}

// NewUsername is the username of a user made on their first sign-in: the
// name their address gives (LocalName), or when it gives none a name made
// from the subject.
func NewUsername(c Config, id Identity) string {
	if name, ok := LocalName(c, id.Email); ok {
		return name
	}
	return SubjectUsername(id)
}

// SubjectUsername is a username made from the subject ("sso-" and its
// letters and digits), for a new user whose address gives none or whose
// address's name is taken.
func SubjectUsername(id Identity) string {
	s := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return -1
	}, id.Subject)
	return "sso-" + s[:min(len(s), access.MaxUsernameLength-4)]
}

// Mapped is what the provider's groups give a user: their roles, in the
// order of access.Roles, and their team (0 for none). Conflict is set when
// the groups name more than one team, which the council must resolve: the
// user is then refused rather than put in either.
type Mapped struct {
	Roles    []access.Role
	Team     access.TeamID
	Conflict bool
}

// MapGroups gives the roles and team of a user in groups. Groups with no
// entry are ignored; a user in no mapped group has no role (and may sign
// in only to see that they have none).
func MapGroups(c Config, groups []string) Mapped {
	var m Mapped
	for _, g := range groups {
		for _, r := range c.GroupRoles[g] {
			if !slices.Contains(m.Roles, r) {
				m.Roles = append(m.Roles, r)
			}
		}
		if t, ok := c.GroupTeams[g]; ok {
			if m.Team != 0 && m.Team != t {
				m.Conflict = true
			}
			m.Team = t
		}
	}
	slices.SortFunc(m.Roles, func(a, b access.Role) int {
		return slices.Index(access.Roles, a) - slices.Index(access.Roles, b)
	})
	if m.Conflict {
		m.Team = 0
	}
	return m
}

// MapsGroups reports whether the council maps groups to roles at all.
func (c Config) MapsGroups() bool { return len(c.GroupRoles) > 0 || len(c.GroupTeams) > 0 }
