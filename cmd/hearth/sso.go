package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/sso"
	"hearth/internal/store"
)

// ssoFlags are serve's flags for single sign-on and for turning Hearth
// passwords off. The client secret is never a flag (a command line is
// visible to every user of the machine): it is read from a file or from the
// environment.
type ssoFlags struct {
	issuer, clientID, secretFile, redirect, postLogout string
	match, emailClaim, emailDomains, createUsers       string
	groupsClaim, groupRoles, groupTeams                string
	localPasswords, passwordAdmin                      string
}

func addSSOFlags(fs *flag.FlagSet) *ssoFlags {
	f := &ssoFlags{}
	fs.StringVar(&f.issuer, "sso-issuer", env("HEARTH_SSO_ISSUER", ""), "single sign-on: the identity provider's issuer URL (empty: no single sign-on)")
	fs.StringVar(&f.clientID, "sso-client-id", env("HEARTH_SSO_CLIENT_ID", ""), "single sign-on: Hearth's client id at the provider")
	fs.StringVar(&f.secretFile, "sso-client-secret-file", env("HEARTH_SSO_CLIENT_SECRET_FILE", ""), "single sign-on: a file holding the client secret (or set HEARTH_SSO_CLIENT_SECRET)")
	fs.StringVar(&f.redirect, "sso-redirect-url", env("HEARTH_SSO_REDIRECT_URL", ""), "single sign-on: Hearth's callback as the browser reaches it, https://.../sign-in/sso/callback")
	fs.StringVar(&f.postLogout, "sso-post-logout-url", env("HEARTH_SSO_POST_LOGOUT_URL", ""), "single sign-on: where the provider sends the browser after signing out (Hearth's https://.../sign-in)")
	fs.StringVar(&f.match, "sso-match", env("HEARTH_SSO_MATCH", "subject"), "single sign-on: match users by subject or email")
	fs.StringVar(&f.emailClaim, "sso-email-claim", env("HEARTH_SSO_EMAIL_CLAIM", "email"), "single sign-on: the claim holding the user's address (Entra ID: preferred_username)")
	fs.StringVar(&f.emailDomains, "sso-email-domains", env("HEARTH_SSO_EMAIL_DOMAINS", ""), "single sign-on: the council's email domains, comma-separated")
	fs.StringVar(&f.createUsers, "sso-create-users", env("HEARTH_SSO_CREATE_USERS", "off"), "single sign-on: on or off: add a user Hearth does not know, with no role")
	fs.StringVar(&f.groupsClaim, "sso-groups-claim", env("HEARTH_SSO_GROUPS_CLAIM", "groups"), "single sign-on: the claim listing the user's groups")
	fs.StringVar(&f.groupRoles, "sso-group-roles", env("HEARTH_SSO_GROUP_ROLES", ""), "single sign-on: group=role+role,... (empty: roles are given in Hearth)")
	fs.StringVar(&f.groupTeams, "sso-group-teams", env("HEARTH_SSO_GROUP_TEAMS", ""), "single sign-on: group=team id,... (empty: teams are given in Hearth)")
	fs.StringVar(&f.localPasswords, "local-passwords", env("HEARTH_LOCAL_PASSWORDS", "on"), "on or off: may users sign in with a Hearth password (off needs single sign-on)")
	fs.StringVar(&f.passwordAdmin, "password-admin", env("HEARTH_PASSWORD_ADMIN", ""), "with --local-passwords off: the one administrator who keeps a password")
	return f
}

// secretEnv holds the client secret when it is not in a file.
const secretEnv = "HEARTH_SSO_CLIENT_SECRET"

// apply sets up single sign-on and the password switch on a. A
// configuration error names the setting, never the secret.
func (f *ssoFlags) apply(ctx context.Context, a *app.App, st store.Store) error {
	local, err := onOff("local-passwords", f.localPasswords)
	if err != nil {
		return err
	}
	a.LocalPasswords = local
	if f.issuer != "" {
		cfg, err := f.config()
		if err != nil {
			return err
		}
		if a.SSO, err = sso.New(cfg, nil); err != nil {
			return fmt.Errorf("single sign-on: %s", message(err))
		}
	}
	if local {
		if f.passwordAdmin != "" {
			return errors.New("--password-admin is only for --local-passwords off")
		}
		return nil
	}
	if a.SSO == nil {
		return errors.New("--local-passwords off needs single sign-on (--sso-issuer), or nobody could sign in")
	}
	if f.passwordAdmin == "" {
		return nil // nobody keeps a password: the provider is the only way in
	}
	name := access.NormaliseUsername(f.passwordAdmin)
	u, err := st.UserByUsername(ctx, name)
	if errs.Is(err, errs.NotFound) || (err == nil && (u.Disabled || !slices.Contains(u.Roles, access.Admin))) {
		return fmt.Errorf("--password-admin %s must be an active administrator's username", name)
	}
	if err != nil {
		return err
	}
	a.PasswordKeeper = name
	return nil
}

func (f *ssoFlags) config() (sso.Config, error) {
	cfg := sso.Config{
		Issuer: f.issuer, ClientID: f.clientID, RedirectURL: f.redirect, PostLogoutURL: f.postLogout,
		Match: sso.Match(f.match), EmailClaim: f.emailClaim, EmailDomains: sso.ParseDomains(f.emailDomains), GroupsClaim: f.groupsClaim,
	}
	var err error
	if cfg.CreateUsers, err = onOff("sso-create-users", f.createUsers); err != nil {
		return cfg, err
	}
	if cfg.GroupRoles, err = sso.ParseGroupRoles(f.groupRoles); err != nil {
		return cfg, err
	}
	if cfg.GroupTeams, err = sso.ParseGroupTeams(f.groupTeams); err != nil {
		return cfg, err
	}
	switch {
	case f.secretFile != "":
		b, err := os.ReadFile(f.secretFile)
		if err != nil {
			// The path is named; the error is the file system's, not the content.
			return cfg, fmt.Errorf("single sign-on: cannot read the client secret file %s: %w", f.secretFile, errors.Unwrap(err))
		}
		cfg.ClientSecret, cfg.SecretSource = strings.TrimSpace(string(b)), "the file "+f.secretFile
	case os.Getenv(secretEnv) != "":
		cfg.ClientSecret, cfg.SecretSource = os.Getenv(secretEnv), "the environment ("+secretEnv+")"
	}
	return cfg, nil
}
