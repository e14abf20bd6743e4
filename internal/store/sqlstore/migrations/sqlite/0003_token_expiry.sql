-- 0003 (SQLite): API tokens may carry an expiry.
--
-- expires_at is the moment a token stops working (UTC), NULL for a token
-- that never expires; an expired token is refused like a revoked one.
--
-- Users need no new table: each change to a user is a version in
-- record_versions with kind 'user' (the account as JSON, who, when, why),
-- written in the same transaction as the change.

ALTER TABLE api_tokens ADD COLUMN expires_at DATETIME;
