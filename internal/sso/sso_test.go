package sso

import (
	"bytes"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"

	"hearth/internal/access"
	"hearth/internal/errs"
)

func good() Config {
	return Config{
		Issuer: "https://login.microsoftonline.com/tenant-id/v2.0", ClientID: "client-id", ClientSecret: "very-secret-value",
		RedirectURL: "https://hearth.council.gov.uk/sign-in/sso/callback", Match: BySubject, EmailClaim: "email",
		EmailDomains: []string{"council.gov.uk"}, GroupsClaim: "groups",
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		field  string // "" for none
	}{
		{"good", func(*Config) {}, ""},
		{"loopback provider over http, for trying out", func(c *Config) { c.Issuer = "http://127.0.0.1:5556" }, ""},
		{"a provider elsewhere over http", func(c *Config) { c.Issuer = "http://login.example" }, "issuer"},
		{"no issuer", func(c *Config) { c.Issuer = "" }, "issuer"},
		{"issuer without a host", func(c *Config) { c.Issuer = "https:///x" }, "issuer"},
		{"no client id", func(c *Config) { c.ClientID = "" }, "client_id"},
		{"no secret", func(c *Config) { c.ClientSecret = "" }, "client_secret"},
		{"redirect to another path", func(c *Config) { c.RedirectURL = "https://hearth.council.gov.uk/callback" }, "redirect_url"},
		{"redirect over http", func(c *Config) { c.RedirectURL = "http://hearth.council.gov.uk/sign-in/sso/callback" }, "redirect_url"},
		{"redirect on loopback over http", func(c *Config) { c.RedirectURL = "http://localhost:8080/sign-in/sso/callback" }, ""},
		{"bad post-logout address", func(c *Config) { c.PostLogoutURL = "/sign-in" }, "post_logout_url"},
		{"unknown match", func(c *Config) { c.Match = "upn" }, "match"},
		{"email match without a claim", func(c *Config) { c.Match, c.EmailClaim = ByEmail, "" }, "email_claim"},
		{"email match without domains", func(c *Config) { c.Match, c.EmailDomains = ByEmail, nil }, "email_domains"},
		{"subject match needs no domains", func(c *Config) { c.EmailDomains = nil }, ""},
		{"groups without a claim", func(c *Config) {
			c.GroupsClaim, c.GroupRoles = "", map[string][]access.Role{"g": {access.Analyst}}
		}, "groups_claim"},
		{"a group giving administrator and a reader", func(c *Config) {
			c.GroupRoles = map[string][]access.Role{"g": {access.Admin, access.Practitioner}}
		}, "group_roles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good()
			tt.change(&c)
			err := c.Check()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e := errs.As(err)
			if e == nil || !slices.ContainsFunc(e.Fields, func(f errs.Field) bool { return f.Field == tt.field }) {
				t.Fatalf("got %v, want a refusal naming %s", err, tt.field)
			}
			if strings.Contains(err.Error(), c.ClientSecret) && c.ClientSecret != "" {
				t.Fatal("the refusal holds the secret")
			}
		})
	}
}

func TestSecretNeverPrinted(t *testing.T) {
	c := good()
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("configured", "sso", c)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("configured", "sso", c)
	for _, s := range []string{c.String(), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), buf.String()} {
		if strings.Contains(s, c.ClientSecret) {
			t.Fatalf("the secret is printed: %s", s)
		}
		if !strings.Contains(s, c.ClientID) {
			t.Fatalf("the description lacks the client id, so proves nothing: %s", s)
		}
	}
}

func TestKeyFor(t *testing.T) {
	const iss = "https://login.example/t"
	byEmail := good()
	byEmail.Match, byEmail.EmailDomains = ByEmail, []string{"council.gov.uk", "schools.council.gov.uk"}
	tests := []struct {
		name string
		c    Config
		id   Identity
		want Key
		ok   bool
	}{
		{"subject, with its issuer", good(), Identity{Issuer: iss, Subject: "abc"}, Key{Subject: iss + "#abc"}, true},
		{"no subject", good(), Identity{Issuer: iss, Email: "a@council.gov.uk"}, Key{}, false},
		{"address to username", byEmail, Identity{Subject: "abc", Email: "jane.smith@council.gov.uk"}, Key{Username: "jane.smith"}, true},
		{"letter case does not matter", byEmail, Identity{Email: " Jane.Smith@Council.GOV.uk "}, Key{Username: "jane.smith"}, true},
		{"a second domain of the council's", byEmail, Identity{Email: "head@schools.council.gov.uk"}, Key{Username: "head"}, true},
		{"another domain is a guest", byEmail, Identity{Email: "jane.smith@gmail.com"}, Key{}, false},
		{"a domain ending like the council's", byEmail, Identity{Email: "jane.smith@evilcouncil.gov.uk"}, Key{}, false},
		{"a subdomain not listed", byEmail, Identity{Email: "jane.smith@x.council.gov.uk"}, Key{}, false},
		{"no address", byEmail, Identity{Subject: "abc"}, Key{}, false},
		{"not an address", byEmail, Identity{Email: "jane.smith"}, Key{}, false},
		{"a name no username can have", byEmail, Identity{Email: "jane+x@council.gov.uk"}, Key{}, false},
		{"a name too short", byEmail, Identity{Email: "j@council.gov.uk"}, Key{}, false},
		{"an empty name", byEmail, Identity{Email: "@council.gov.uk"}, Key{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := KeyFor(tt.c, tt.id)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("got %+v %t, want %+v %t", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestNewUsername(t *testing.T) {
	c := good()
	tests := []struct {
		id   Identity
		want string
	}{
		{Identity{Subject: "x", Email: "new.comer@council.gov.uk"}, "new.comer"},
		{Identity{Subject: "AbC-123_=/", Email: "new.comer@elsewhere.example"}, "sso-abc-123"},
		{Identity{Subject: "AbC-123"}, "sso-abc-123"},
		{Identity{Subject: strings.Repeat("a", 100)}, "sso-" + strings.Repeat("a", access.MaxUsernameLength-4)},
	}
	for _, tt := range tests {
		got := NewUsername(c, tt.id)
		if got != tt.want {
			t.Errorf("NewUsername(%+v) = %q, want %q", tt.id, got, tt.want)
		}
		if err := access.ValidateUsername(got); err != nil {
			t.Errorf("%q is not a valid username: %v", got, err)
		}
	}
}

func TestMapGroups(t *testing.T) {
	c := good()
	c.GroupRoles = map[string][]access.Role{"g-prac": {access.Practitioner}, "g-tm": {access.TeamManager, access.Practitioner}, "g-aud": {access.Auditor}}
	c.GroupTeams = map[string]access.TeamID{"g-team1": 1, "g-team1-again": 1, "g-team2": 2}
	tests := []struct {
		name   string
		groups []string
		want   Mapped
	}{
		{"no groups: no role", nil, Mapped{}},
		{"unmapped groups are ignored", []string{"g-other"}, Mapped{}},
		{"one group", []string{"g-prac", "g-team1"}, Mapped{Roles: []access.Role{access.Practitioner}, Team: 1}},
		{"roles joined once, in the roles' order", []string{"g-aud", "g-prac", "g-tm"}, Mapped{Roles: []access.Role{access.Practitioner, access.TeamManager, access.Auditor}}},
		{"two groups naming one team", []string{"g-team1", "g-team1-again"}, Mapped{Team: 1}},
		{"two teams conflict", []string{"g-prac", "g-team1", "g-team2"}, Mapped{Roles: []access.Role{access.Practitioner}, Conflict: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MapGroups(c, tt.groups)
			if !slices.Equal(got.Roles, tt.want.Roles) || got.Team != tt.want.Team || got.Conflict != tt.want.Conflict {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseGroups(t *testing.T) {
	roles, err := ParseGroupRoles(" g1=practitioner+team_manager , g2=analyst,g1=practitioner")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(roles["g1"], []access.Role{access.Practitioner, access.TeamManager}) || !slices.Equal(roles["g2"], []access.Role{access.Analyst}) {
		t.Fatalf("got %v", roles)
	}
	for _, bad := range []string{"g1", "=analyst", "g1=", "g1=wizard"} {
		if _, err := ParseGroupRoles(bad); err == nil {
			t.Errorf("ParseGroupRoles(%q) accepted", bad)
		}
	}
	teams, err := ParseGroupTeams("g1=3, g2=14")
	if err != nil || teams["g1"] != 3 || teams["g2"] != 14 {
		t.Fatalf("got %v %v", teams, err)
	}
	for _, bad := range []string{"g1", "g1=x", "g1=0", "g1=-2", "=3"} {
		if _, err := ParseGroupTeams(bad); err == nil {
			t.Errorf("ParseGroupTeams(%q) accepted", bad)
		}
	}
	if got := ParseDomains(" Council.gov.uk, @schools.council.gov.uk,,"); !slices.Equal(got, []string{"council.gov.uk", "schools.council.gov.uk"}) {
		t.Fatalf("domains %v", got)
	}
}

func TestFlowCookie(t *testing.T) {
	c, err := New(good(), nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	f := flow{State: "the-state", Nonce: "n", Verifier: "v", Next: "/people/3", Expires: now.Add(FlowLifetime)}
	sealed, err := c.seal(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"the-state", "/people/3"} {
		if strings.Contains(sealed, part) {
			t.Fatalf("the cookie shows %q", part)
		}
	}
	got, err := c.open(sealed, "the-state", now.Add(FlowLifetime-time.Second))
	if err != nil || got != f {
		t.Fatalf("open: %+v %v", got, err)
	}
	// Another process with the same configuration opens it too.
	same, _ := New(good(), nil)
	if _, err := same.open(sealed, "the-state", now); err != nil {
		t.Fatalf("another process: %v", err)
	}
	otherSecret := good()
	otherSecret.ClientSecret = "another-secret"
	other, _ := New(otherSecret, nil)
	tampered := []byte(sealed)
	tampered[len(tampered)/2] ^= 1
	bad := []struct {
		name   string
		c      *Client
		cookie string
		state  string
		at     time.Time
	}{
		{"wrong state", c, sealed, "other-state", now},
		{"empty state", c, sealed, "", now},
		{"expired", c, sealed, "the-state", now.Add(FlowLifetime)},
		{"tampered", c, string(tampered), "the-state", now},
		{"no cookie", c, "", "the-state", now},
		{"not base64", c, "!!!", "the-state", now},
		{"too short", c, "abc", "the-state", now},
		{"sealed under another secret", other, sealed, "the-state", now},
	}
	for _, b := range bad {
		if _, err := b.c.open(b.cookie, b.state, b.at); err != ErrFlow {
			t.Errorf("%s: got %v, want ErrFlow", b.name, err)
		}
	}
}

func TestEndSessionURL(t *testing.T) {
	cfg := good()
	cfg.PostLogoutURL = "https://hearth.council.gov.uk/sign-in"
	c, _ := New(cfg, nil)
	if got := c.FormActionOrigins(); !slices.Equal(got, []string{"https://login.microsoftonline.com"}) {
		t.Fatalf("form-action origins before discovery: %q", got)
	}
	c.provider = &oidc.Provider{} // as if discovered
	c.endpoint = "https://login.example/logout?x=1"
	if got := c.FormActionOrigins(); !slices.Equal(got, []string{"https://login.microsoftonline.com", "https://login.example"}) {
		t.Fatalf("form-action origins: %q", got)
	}
	got := c.EndSessionURL(t.Context())
	for _, want := range []string{"https://login.example/logout?", "x=1", "client_id=client-id", "post_logout_redirect_uri=https%3A%2F%2Fhearth.council.gov.uk%2Fsign-in"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if strings.Contains(got, cfg.ClientSecret) {
		t.Fatal("the sign-out address holds the secret")
	}
}
