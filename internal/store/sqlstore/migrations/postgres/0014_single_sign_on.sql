-- 0014 (PostgreSQL): single sign-on.
--
-- sso_subject is the identity provider's name for the user, "issuer#sub",
-- which never changes for them: how a user signing in through the council's
-- provider is found when the council matches by subject. It is part of the
-- account (kept in its versions); NULL for a user who has none, and no two
-- users may share one.
--
-- A session records how it began ('password' or 'sso'), so that signing out
-- of a single sign-on session can end the provider's session too. Sessions
-- begun before this migration began with a password.

ALTER TABLE users ADD COLUMN sso_subject TEXT;
CREATE UNIQUE INDEX users_sso_subject ON users (sso_subject) WHERE sso_subject IS NOT NULL;

ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';
