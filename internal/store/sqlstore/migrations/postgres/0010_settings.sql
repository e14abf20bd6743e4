-- 0010 (PostgreSQL): the council's settings, beginning with its timescales.
-- See the SQLite migration of the same number.

CREATE TABLE settings (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version     INTEGER NOT NULL,
    name        TEXT NOT NULL UNIQUE,
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by BIGINT REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER settings_never_deleted BEFORE DELETE ON settings
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER settings_never_truncated BEFORE TRUNCATE ON settings
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
