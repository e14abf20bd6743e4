package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hearth/internal/app"
)

// TestSSOFlags: single sign-on and the password switch as serve reads them,
// from flags, a secret file or the environment, refusing what cannot work
// and never repeating the secret.
func TestSSOFlags(t *testing.T) {
	db := newStore(t)
	mustHearth(t, "correct horse battery staple\n", "user add", "--db", db, "--username", "first.admin", "--role", "admin")
	mustHearth(t, "correct horse battery staple\n", "user add", "--db", db, "--username", "a.practitioner", "--role", "practitioner")
	st := openStore(t, db)
	const secret = "the-client-secret-3f9a"
	secretFile := filepath.Join(t.TempDir(), "sso-secret")
	if err := os.WriteFile(secretFile, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"--sso-issuer", "https://login.microsoftonline.com/t/v2.0", "--sso-client-id", "hearth",
		"--sso-redirect-url", "https://hearth.council.gov.uk/sign-in/sso/callback"}
	apply := func(env map[string]string, args ...string) (*app.App, error) {
		for k, v := range env {
			t.Setenv(k, v)
		}
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		f := addSSOFlags(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		a := app.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
		return a, f.apply(context.Background(), a, st)
	}

	a, err := apply(nil, append(base, "--sso-client-secret-file", secretFile)...)
	if err != nil || a.SSO == nil || a.SSO.Config().ClientSecret != secret || !a.LocalPasswords {
		t.Fatalf("from a file: %v", err)
	}
	if src := a.SSO.Config().SecretSource; !strings.Contains(src, secretFile) {
		t.Errorf("source %q", src)
	}
	a, err = apply(map[string]string{"HEARTH_SSO_CLIENT_SECRET": secret}, append(base, "--local-passwords", "off", "--password-admin", "First.Admin")...)
	if err != nil || a.SSO.Config().ClientSecret != secret || a.LocalPasswords || a.PasswordKeeper != "first.admin" {
		t.Fatalf("from the environment, passwords off: %v", err)
	}
	t.Setenv("HEARTH_SSO_CLIENT_SECRET", "")

	refused := []struct {
		name string
		args []string
		says string
	}{
		{"no secret", base, "client_secret"},
		{"passwords off without single sign-on", []string{"--local-passwords", "off"}, "needs single sign-on"},
		{"a kept password while passwords are on", append(base, "--sso-client-secret-file", secretFile, "--password-admin", "first.admin"), "only for --local-passwords off"},
		{"a kept password for a practitioner", append(base, "--sso-client-secret-file", secretFile, "--local-passwords", "off", "--password-admin", "a.practitioner"), "must be an active administrator"},
		{"a kept password for nobody", append(base, "--sso-client-secret-file", secretFile, "--local-passwords", "off", "--password-admin", "nobody"), "must be an active administrator"},
		{"a secret file that is not there", append(base, "--sso-client-secret-file", secretFile+".gone"), "cannot read the client secret file"},
		{"a bad redirect", append(base[:4], "--sso-redirect-url", "https://hearth/callback", "--sso-client-secret-file", secretFile), "redirect_url"},
		{"a bad match", append(base, "--sso-client-secret-file", secretFile, "--sso-match", "name"), "match"},
		{"a bad role", append(base, "--sso-client-secret-file", secretFile, "--sso-group-roles", "g=wizard"), "group roles"},
	}
	for _, r := range refused {
		_, err := apply(nil, r.args...)
		if err == nil || !strings.Contains(message(err), r.says) {
			t.Errorf("%s: got %v, want an error saying %q", r.name, err, r.says)
			continue
		}
		if strings.Contains(message(err), secret) {
			t.Errorf("%s: the error holds the secret", r.name)
		}
	}
}
