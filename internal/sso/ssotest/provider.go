// Package ssotest runs a real OpenID provider on the loopback address for
// tests: github.com/zitadel/oidc's certified provider library (pkg/op) over
// an in-memory storage written here. It signs in whoever the test names
// without asking (there is no login page), and can be told to misbehave the
// ways a provider or an attacker might: the wrong audience or nonce in the
// ID token, a token already expired, a signature altered in transit, or a
// token request stripped of its PKCE verifier. Only tests import it.
package ssotest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// User is who the provider signs in next.
type User struct {
	Subject string
	Email   string
	Name    string
	Groups  []string
}

// Provider is a running provider with one client registered.
type Provider struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURI  string

	mu   sync.Mutex
	user User
	// Misbehaviours, each off at its zero value.
	audience      []string      // the ID token's audience instead of the client
	nonce         string        // the ID token's nonce instead of the one sent
	lifetime      time.Duration // the ID token's lifetime; 5 minutes when zero
	tamper        bool          // alter the ID token's signature on its way out
	stripVerifier bool          // drop code_verifier from the token request on its way in
	requests      map[string]*authRequest
	codes         map[string]string // code -> request id
	exchanges     int               // token requests that gave a token
	key           *rsa.PrivateKey
	srv           *httptest.Server
	provider      *op.Provider
}

// Start runs a provider for a client whose callback is redirectURI, until
// the test ends.
func Start(t testing.TB, redirectURI string) *Provider {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &Provider{ClientID: "hearth-test", ClientSecret: "s3cret-" + randomString(), RedirectURI: redirectURI,
		requests: map[string]*authRequest{}, codes: map[string]string{}, key: key}
	var handler http.Handler
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	t.Cleanup(p.srv.Close)
	p.Issuer = p.srv.URL
	cfg := &op.Config{CodeMethodS256: true, AuthMethodPost: true}
	copy(cfg.CryptoKey[:], randomString())
	p.provider, err = op.NewOpenIDProvider(p.Issuer, cfg, &storage{p}, op.WithAllowInsecure(),
		op.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	handler = p.intercept(p.provider)
	return p
}

// SignInAs sets who the provider signs in next.
func (p *Provider) SignInAs(u User) { p.mu.Lock(); p.user = u; p.mu.Unlock() }

// Misbehave sets what the provider gets wrong next (all of it is reset by
// Behave).
func (p *Provider) WrongAudience()           { p.mu.Lock(); p.audience = []string{"someone-else"}; p.mu.Unlock() }
func (p *Provider) WrongNonce()              { p.mu.Lock(); p.nonce = "not-the-nonce-sent"; p.mu.Unlock() }
func (p *Provider) Lifetime(d time.Duration) { p.mu.Lock(); p.lifetime = d; p.mu.Unlock() }
func (p *Provider) TamperSignature()         { p.mu.Lock(); p.tamper = true; p.mu.Unlock() }
func (p *Provider) StripVerifier()           { p.mu.Lock(); p.stripVerifier = true; p.mu.Unlock() }
func (p *Provider) Behave() {
	p.mu.Lock()
	p.audience, p.nonce, p.lifetime, p.tamper, p.stripVerifier = nil, "", 0, false, false
	p.mu.Unlock()
}

// Exchanges is how many codes the provider has exchanged for tokens.
func (p *Provider) Exchanges() int { p.mu.Lock(); defer p.mu.Unlock(); return p.exchanges }

// intercept is the network between Hearth and the provider, where the
// test's attacker stands: it may strip the PKCE verifier from a token
// request or alter the signature of the ID token coming back.
func (p *Provider) intercept(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/oauth/token" {
			next.ServeHTTP(w, r)
			return
		}
		p.mu.Lock()
		strip, tamper, audience := p.stripVerifier, p.tamper, p.audience
		p.mu.Unlock()
		if strip {
			body, _ := io.ReadAll(r.Body)
			form, _ := url.ParseQuery(string(body))
			form.Del("code_verifier")
			enc := form.Encode()
			r.Body, r.ContentLength = io.NopCloser(bytes.NewBufferString(enc)), int64(len(enc))
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if rec.Code == http.StatusOK {
			p.mu.Lock()
			p.exchanges++
			p.mu.Unlock()
			if audience != nil {
				body = p.resign(body, audience)
			}
			if tamper {
				body = tamperIDToken(body)
			}
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	})
}

// resign replaces the ID token with one the provider's own key signs for
// another audience: the library always adds the client asking to the
// audience, so a token for someone else is made here, as if issued to
// another application and substituted on the way.
func (p *Provider) resign(body []byte, audience []string) []byte {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	tok, _ := m["id_token"].(string)
	parts := bytes.Split([]byte(tok), []byte("."))
	if len(parts) != 3 {
		return body
	}
	payload, err := base64.RawURLEncoding.DecodeString(string(parts[1]))
	if err != nil {
		return body
	}
	var claims map[string]any
	if json.Unmarshal(payload, &claims) != nil {
		return body
	}
	claims["aud"], claims["azp"], claims["client_id"] = audience, audience[0], audience[0]
	payload, _ = json.Marshal(claims)
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: p.key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "test-key-1"))
	if err != nil {
		return body
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return body
	}
	m["id_token"], _ = jws.CompactSerialize()
	out, _ := json.Marshal(m)
	return out
}

// tamperIDToken flips a bit in the first byte of the ID token's signature.
func tamperIDToken(body []byte) []byte {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	tok, _ := m["id_token"].(string)
	parts := bytes.Split([]byte(tok), []byte("."))
	if len(parts) != 3 {
		return body
	}
	sig, err := base64.RawURLEncoding.DecodeString(string(parts[2]))
	if err != nil || len(sig) == 0 {
		return body
	}
	sig[0] ^= 1
	parts[2] = []byte(base64.RawURLEncoding.EncodeToString(sig))
	m["id_token"] = string(bytes.Join(parts, []byte(".")))
	out, _ := json.Marshal(m)
	return out
}

func randomString() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// authRequest is one authorisation request, signed in at once as the
// provider's current user.
type authRequest struct {
	p        *Provider
	id       string
	req      oidc.AuthRequest
	subject  string
	authTime time.Time
}

func (a *authRequest) GetID() string                      { return a.id }
func (a *authRequest) GetACR() string                     { return "" }
func (a *authRequest) GetAMR() []string                   { return []string{"pwd"} }
func (a *authRequest) GetAuthTime() time.Time             { return a.authTime }
func (a *authRequest) GetClientID() string                { return a.req.ClientID }
func (a *authRequest) GetRedirectURI() string             { return a.req.RedirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType { return a.req.ResponseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode { return a.req.ResponseMode }
func (a *authRequest) GetScopes() []string                { return a.req.Scopes }
func (a *authRequest) GetState() string                   { return a.req.State }
func (a *authRequest) GetSubject() string                 { return a.subject }
func (a *authRequest) Done() bool                         { return true }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge {
	if a.req.CodeChallenge == "" {
		return nil
	}
	return &oidc.CodeChallenge{Challenge: a.req.CodeChallenge, Method: a.req.CodeChallengeMethod}
}
func (a *authRequest) GetAudience() []string { return []string{a.req.ClientID} }
func (a *authRequest) GetNonce() string {
	a.p.mu.Lock()
	defer a.p.mu.Unlock()
	if a.p.nonce != "" {
		return a.p.nonce
	}
	return a.req.Nonce
}

// client is the one registered client, Hearth.
type client struct{ p *Provider }

func (c client) GetID() string          { return c.p.ClientID }
func (c client) RedirectURIs() []string { return []string{c.p.RedirectURI} }

// PostLogoutRedirectURIs registers the sign-in page beside the callback,
// as a council registers Hearth's.
func (c client) PostLogoutRedirectURIs() []string {
	return []string{strings.TrimSuffix(c.p.RedirectURI, "/sso/callback")}
}
func (c client) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }
func (c client) AuthMethod() oidc.AuthMethod         { return oidc.AuthMethodBasic }
func (c client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c client) GrantTypes() []oidc.GrantType         { return []oidc.GrantType{oidc.GrantTypeCode} }
func (c client) AccessTokenType() op.AccessTokenType  { return op.AccessTokenTypeBearer }
func (c client) DevMode() bool                        { return true } // http redirect URIs on the loopback address
func (c client) IsScopeAllowed(string) bool           { return false }
func (c client) IDTokenUserinfoClaimsAssertion() bool { return true }
func (c client) ClockSkew() time.Duration             { return 0 }
func (c client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c client) IDTokenLifetime() time.Duration {
	c.p.mu.Lock()
	defer c.p.mu.Unlock()
	if c.p.lifetime == 0 {
		return 5 * time.Minute
	}
	return c.p.lifetime
}

// LoginURL skips a login page: the request is already signed in, so the
// browser goes straight to the provider's own callback, which issues the code.
func (c client) LoginURL(id string) string {
	return c.p.Issuer + "/authorize/callback?id=" + url.QueryEscape(id)
}

type signingKey struct{ k *rsa.PrivateKey }

func (s signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (s signingKey) Key() any                                    { return s.k }
func (s signingKey) ID() string                                  { return "test-key-1" }

type publicKey struct{ k *rsa.PublicKey }

func (p publicKey) ID() string                         { return "test-key-1" }
func (p publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (p publicKey) Use() string                        { return "sig" }
func (p publicKey) Key() any                           { return p.k }

var errNotFound = errors.New("not found")

// storage is op.Storage over the provider's maps.
type storage struct{ p *Provider }

func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	a := &authRequest{p: s.p, id: randomString(), req: *req, subject: s.p.user.Subject, authTime: time.Now()}
	s.p.requests[a.id] = a
	return a, nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	if a, ok := s.p.requests[id]; ok {
		return a, nil
	}
	return nil, errNotFound
}

func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	if a, ok := s.p.requests[s.p.codes[code]]; ok {
		return a, nil
	}
	return nil, errNotFound
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	s.p.codes[code] = id
	return nil
}

// DeleteAuthRequest is called once a code is exchanged: the code then
// names nothing, so a second exchange of it fails.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	delete(s.p.requests, id)
	for c, r := range s.p.codes {
		if r == id {
			delete(s.p.codes, c)
		}
	}
	return nil
}

func (s *storage) CreateAccessToken(context.Context, op.TokenRequest) (string, time.Time, error) {
	return randomString(), time.Now().Add(5 * time.Minute), nil
}

func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, errors.New("no refresh tokens")
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, op.ErrInvalidRefreshToken
}

func (s *storage) TerminateSession(context.Context, string, string) error { return nil }

func (s *storage) RevokeToken(context.Context, string, string, string) *oidc.Error { return nil }

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) { return signingKey{s.p.key}, nil }

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{publicKey{&s.p.key.PublicKey}}, nil
}

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	if id != s.p.ClientID {
		return nil, errNotFound
	}
	return client{s.p}, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	if id != s.p.ClientID || secret != s.p.ClientSecret {
		return errors.New("wrong client secret")
	}
	return nil
}

func (s *storage) userinfo(info *oidc.UserInfo, subject string) {
	s.p.mu.Lock()
	u := s.p.user
	s.p.mu.Unlock()
	info.Subject = subject
	if u.Subject != subject {
		return
	}
	info.Email, info.EmailVerified, info.Name = u.Email, oidc.Bool(true), u.Name
	if u.Groups != nil {
		info.AppendClaims("groups", slices.Clone(u.Groups))
	}
}

func (s *storage) SetUserinfoFromScopes(_ context.Context, info *oidc.UserInfo, userID, _ string, _ []string) error {
	s.userinfo(info, userID)
	return nil
}

func (s *storage) SetUserinfoFromToken(_ context.Context, info *oidc.UserInfo, _, subject, _ string) error {
	s.userinfo(info, subject)
	return nil
}

func (s *storage) SetIntrospectionFromToken(context.Context, *oidc.IntrospectionResponse, string, string, string) error {
	return nil
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errNotFound
}

func (s *storage) ValidateJWTProfileScopes(_ context.Context, _ string, scopes []string) ([]string, error) {
	return scopes, nil
}

func (s *storage) Health(context.Context) error { return nil }
