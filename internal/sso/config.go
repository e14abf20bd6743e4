// Package sso signs staff in with the council's identity provider over
// OpenID Connect: the authorisation code flow with PKCE, a state and a nonce
// kept in a sealed cookie, and the ID token verified against the provider's
// published keys by github.com/coreos/go-oidc. Which Hearth user a verified
// token names, and which roles and team its groups give, are pure functions
// (match.go); the store and the access log are the app's business.
package sso

import (
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"

	"hearth/internal/access"
	"hearth/internal/errs"
)

// Match says which claim of the ID token names the Hearth user.
type Match string

const (
	// BySubject matches the token's subject ("sub", for Entra ID the
	// object's pairwise id) to the subject stored on the user. It never
	// changes for the person and is never reused, so it is the safer choice.
	BySubject Match = "subject"
	// ByEmail matches an address (the claim EmailClaim) in one of the
	// council's domains to the Hearth username its part before the "@"
	// spells, for councils whose usernames are their staff's addresses'
	// first halves (jane.smith@council.gov.uk is jane.smith).
	ByEmail Match = "email"
)

// Config is how Hearth talks to the provider. Only ClientSecret is secret:
// String and LogValue leave it out, and the administrator's page shows only
// where it was read from.
type Config struct {
	Issuer       string // the provider's issuer URL, as its discovery document names it
	ClientID     string
	ClientSecret string
	SecretSource string // where the secret came from, for the administrator's page ("file /etc/hearth/sso-secret")
	// RedirectURL is the callback as the browser reaches it through the
	// proxy, registered with the provider exactly:
	// https://hearth.example.gov.uk/sign-in/sso/callback.
	RedirectURL string
	// PostLogoutURL is where the provider sends the browser after it has
	// signed out too (the sign-in page); empty sends none.
	PostLogoutURL string
	Match         Match
	// EmailClaim is the claim whose address names the user with ByEmail,
	// and gives a user made by CreateUsers their username: "email", or for
	// Entra ID "preferred_username" (the user principal name).
	EmailClaim string
	// EmailDomains are the council's own domains ("wolverhampton.gov.uk"),
	// lower case: an address elsewhere names nobody (see LocalName).
	EmailDomains []string
	// CreateUsers makes a user Hearth does not know, with no role, instead
	// of refusing them; an administrator then gives them roles.
	CreateUsers bool
	// GroupsClaim names the claim that lists the user's groups ("groups");
	// GroupRoles and GroupTeams map a group's id to roles and a team. With
	// no GroupRoles, groups are ignored and roles are managed in Hearth.
	GroupsClaim string
	GroupRoles  map[string][]access.Role
	GroupTeams  map[string]access.TeamID
}

// Scopes asked of the provider: the ID token, the user's name and address.
var Scopes = []string{"openid", "profile", "email"}

// CallbackPath is where the provider sends the browser back to.
const CallbackPath = "/sign-in/sso/callback"

// Check refuses a configuration that cannot work, naming the setting.
func (c Config) Check() error {
	var f errs.Fields
	if u, err := url.Parse(c.Issuer); c.Issuer == "" || err != nil || u.Host == "" || (u.Scheme != "https" && !loopback(u)) {
		f.Add("issuer", "The issuer must be the provider's https URL")
	}
	if c.ClientID == "" {
		f.Add("client_id", "Enter the client id the provider gave Hearth")
	}
	if c.ClientSecret == "" {
		f.Add("client_secret", "Give the client secret in a file or the environment")
	}
	if u, err := url.Parse(c.RedirectURL); c.RedirectURL == "" || err != nil || u.Host == "" || u.Path != CallbackPath || (u.Scheme != "https" && !loopback(u)) {
		f.Add("redirect_url", "The redirect URL must be Hearth's own https address ending %s", CallbackPath)
	}
	if c.PostLogoutURL != "" {
		if u, err := url.Parse(c.PostLogoutURL); err != nil || u.Host == "" || (u.Scheme != "https" && !loopback(u)) {
			f.Add("post_logout_url", "The address after sign-out must be Hearth's own https address")
		}
	}
	switch c.Match {
	case BySubject, ByEmail:
	default:
		f.Add("match", "Match users by subject or email, not %q", c.Match)
	}
	if c.Match == ByEmail && c.EmailClaim == "" {
		f.Add("email_claim", "Name the claim that holds the user's address")
	}
	if c.Match == ByEmail && len(c.EmailDomains) == 0 {
		f.Add("email_domains", "Name the council's own email domains")
	}
	if (len(c.GroupRoles) > 0 || len(c.GroupTeams) > 0) && c.GroupsClaim == "" {
		f.Add("groups_claim", "Name the claim that lists the user's groups")
	}
	for g, roles := range c.GroupRoles {
		if err := access.CheckRoles(roles); err != nil {
			f.Add("group_roles", "Group %s: %s", g, errs.As(err).Message)
		}
	}
	return f.Err()
}

// loopback allows plain http to a provider and a Hearth on this machine,
// for trying Hearth out and for its tests; anything further needs TLS.
func loopback(u *url.URL) bool {
	h := u.Hostname()
	return u.Scheme == "http" && (h == "127.0.0.1" || h == "::1" || h == "localhost")
}

// String describes the configuration without its secret.
func (c Config) String() string {
	return fmt.Sprintf("issuer=%s client_id=%s match=%s create_users=%t", c.Issuer, c.ClientID, c.Match, c.CreateUsers)
}

// LogValue keeps the secret out of structured logs, whatever logs a Config.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("issuer", c.Issuer), slog.String("client_id", c.ClientID),
		slog.String("match", string(c.Match)), slog.Bool("create_users", c.CreateUsers))
}

// GoString keeps the secret out of %#v too.
func (c Config) GoString() string { return "sso.Config{" + c.String() + "}" }

// ParseGroupRoles reads "group=role+role,group=role" (the flag's form) into
// a map; a role may be repeated across groups.
func ParseGroupRoles(s string) (map[string][]access.Role, error) {
	out := map[string][]access.Role{}
	for _, item := range splitList(s) {
		g, rs, ok := strings.Cut(item, "=")
		g = strings.TrimSpace(g)
		if !ok || g == "" || strings.TrimSpace(rs) == "" {
			return nil, fmt.Errorf("group roles: %q is not group=role", item)
		}
		for _, r := range strings.Split(rs, "+") {
			role, err := access.ParseRole(strings.TrimSpace(r))
			if err != nil {
				return nil, fmt.Errorf("group roles: %s: there is no role called %q", g, strings.TrimSpace(r))
			}
			if !slices.Contains(out[g], role) {
				out[g] = append(out[g], role)
			}
		}
	}
	return out, nil
}

// ParseDomains reads "a.gov.uk,b.gov.uk" into lower-case domains.
func ParseDomains(s string) []string {
	var out []string
	for _, d := range splitList(s) {
		out = append(out, strings.ToLower(strings.TrimPrefix(d, "@")))
	}
	return out
}

// ParseGroupTeams reads "group=teamid,group=teamid".
func ParseGroupTeams(s string) (map[string]access.TeamID, error) {
	out := map[string]access.TeamID{}
	for _, item := range splitList(s) {
		g, t, ok := strings.Cut(item, "=")
		g = strings.TrimSpace(g)
		var id int64
		if _, err := fmt.Sscanf(strings.TrimSpace(t), "%d", &id); !ok || g == "" || err != nil || id <= 0 {
			return nil, fmt.Errorf("group teams: %q is not group=team id", item)
		}
		out[g] = access.TeamID(id)
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
