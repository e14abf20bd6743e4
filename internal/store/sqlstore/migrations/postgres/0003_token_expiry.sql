-- 0003 (PostgreSQL): API tokens may carry an expiry. See the SQLite
-- migration of the same number.

ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;
