package sso

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Client is Hearth's side of the provider. Discovery (the provider's
// endpoints and keys) happens at the first sign-in, not at start-up, so that
// Hearth starts while the provider is unreachable; a failed discovery is
// tried again at the next sign-in.
type Client struct {
	cfg  Config
	http *http.Client

	mu       sync.Mutex
	provider *oidc.Provider
	endpoint string // the provider's end_session_endpoint, "" if it has none
}

// New checks the configuration and makes a client. hc is the HTTP client
// for the provider (nil: one with a 10-second timeout).
func New(cfg Config, hc *http.Client) (*Client, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	return &Client{cfg: cfg, http: hc}, nil
}

// Config is the client's configuration (whose secret the caller must not show).
func (c *Client) Config() Config { return c.cfg }

// ErrProvider is a failure to reach the provider or one it reported: the
// browser is told to try again, the log has the cause.
var ErrProvider = errors.New("sso: the identity provider could not be reached or refused the sign-in")

// ErrToken is an ID token that failed verification: wrong issuer or
// audience, expired, a signature that is not the provider's, the wrong
// nonce. It is never shown in detail, only logged.
var ErrToken = errors.New("sso: the identity provider's token did not verify")

// FormActionOrigins are the provider's origins a page's sign-out form may
// end up at: the issuer's and, once known, the end_session_endpoint's.
// Browsers hold every redirect after a form's submission to the page's
// form-action policy, so the sign-out's redirect to the provider needs them.
func (c *Client) FormActionOrigins() []string {
	var out []string
	c.mu.Lock()
	end := c.endpoint
	c.mu.Unlock()
	for _, s := range []string{c.cfg.Issuer, end} {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			if o := u.Scheme + "://" + u.Host; !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
	}
	return out
}

func (c *Client) ctx(ctx context.Context) context.Context { return oidc.ClientContext(ctx, c.http) }

func (c *Client) discover(ctx context.Context) (*oidc.Provider, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.provider != nil {
		return c.provider, nil
	}
	p, err := oidc.NewProvider(c.ctx(ctx), c.cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("%w: discovery: %v", ErrProvider, err)
	}
	var extra struct {
		EndSession string `json:"end_session_endpoint"`
	}
	_ = p.Claims(&extra) // a provider without the field has no sign-out to send to
	c.provider, c.endpoint = p, extra.EndSession
	return p, nil
}

func (c *Client) oauth(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: c.cfg.ClientID, ClientSecret: c.cfg.ClientSecret, Endpoint: p.Endpoint(), RedirectURL: c.cfg.RedirectURL, Scopes: Scopes}
}

// Begin starts a sign-in: the provider's address to send the browser to,
// and the sealed flow cookie's value to set in it. next is where to go
// afterwards (already made safe by the caller).
func (c *Client) Begin(ctx context.Context, next string, now time.Time) (authURL, cookie string, err error) {
	p, err := c.discover(ctx)
	if err != nil {
		return "", "", err
	}
	f := flow{State: random(), Nonce: random(), Verifier: oauth2.GenerateVerifier(), Next: next, Expires: now.Add(FlowLifetime)}
	cookie, err = c.seal(f)
	if err != nil {
		return "", "", err
	}
	return c.oauth(p).AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)), cookie, nil
}

// Finish completes a sign-in at the callback: it opens the flow cookie,
// checks the state, exchanges the code with the PKCE verifier and
// verifies the ID token (signature against the provider's published keys,
// issuer, audience, expiry) and its nonce. It returns who signed in and
// where they were going.
func (c *Client) Finish(ctx context.Context, cookie, state, code string, now time.Time) (Identity, string, error) {
	f, err := c.open(cookie, state, now)
	if err != nil {
		return Identity{}, "", err
	}
	if code == "" || f.Verifier == "" {
		return Identity{}, "", ErrFlow
	}
	p, err := c.discover(ctx)
	if err != nil {
		return Identity{}, "", err
	}
	tok, err := c.oauth(p).Exchange(c.ctx(ctx), code, oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return Identity{}, "", fmt.Errorf("%w: code exchange: %v", ErrProvider, err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return Identity{}, "", fmt.Errorf("%w: no ID token in the provider's answer", ErrToken)
	}
	idt, err := p.Verifier(&oidc.Config{ClientID: c.cfg.ClientID}).Verify(c.ctx(ctx), raw)
	if err != nil {
		return Identity{}, "", fmt.Errorf("%w: %v", ErrToken, err)
	}
	if idt.Nonce != f.Nonce {
		return Identity{}, "", fmt.Errorf("%w: the nonce is not the one sent", ErrToken)
	}
	id, err := c.identity(idt)
	if err != nil {
		return Identity{}, "", err
	}
	return id, f.Next, nil
}

// identity reads the claims Hearth uses from a verified token.
func (c *Client) identity(idt *oidc.IDToken) (Identity, error) {
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, fmt.Errorf("%w: claims: %v", ErrToken, err)
	}
	id := Identity{Issuer: idt.Issuer, Subject: idt.Subject}
	id.Name, _ = claims["name"].(string)
	if c.cfg.EmailClaim != "" {
		id.Email, _ = claims[c.cfg.EmailClaim].(string)
	}
	// An address the provider says it has not verified names nobody.
	if v, ok := claims["email_verified"].(bool); ok && !v && c.cfg.EmailClaim == "email" {
		id.Email = ""
	}
	if c.cfg.GroupsClaim != "" {
		if gs, ok := claims[c.cfg.GroupsClaim].([]any); ok {
			for _, g := range gs {
				if s, ok := g.(string); ok {
					id.Groups = append(id.Groups, s)
				}
			}
		}
	}
	return id, nil
}

// EndSessionURL is where to send a browser signing out, so that the
// provider ends its session too; "" when the provider publishes no
// end_session_endpoint or cannot be reached. A process that has not yet
// asked the provider (another process began the session) asks it now.
func (c *Client) EndSessionURL(ctx context.Context) string {
	if _, err := c.discover(ctx); err != nil {
		return ""
	}
	c.mu.Lock()
	end := c.endpoint
	c.mu.Unlock()
	if end == "" {
		return ""
	}
	u, err := url.Parse(end)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("client_id", c.cfg.ClientID)
	if c.cfg.PostLogoutURL != "" {
		q.Set("post_logout_redirect_uri", c.cfg.PostLogoutURL)
	}
	u.RawQuery = q.Encode()
	return u.String()
}
