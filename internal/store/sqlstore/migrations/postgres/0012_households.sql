-- 0012 (PostgreSQL): the register of foster households. See the SQLite
-- migration of the same number.

CREATE TABLE households (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version      INTEGER NOT NULL,
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,
    deregistered DATE,
    recorded_at  TIMESTAMPTZ NOT NULL,
    recorded_by  BIGINT REFERENCES users (id),
    reason       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX households_name ON households (name, id);

CREATE TRIGGER households_never_deleted BEFORE DELETE ON households
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER households_never_truncated BEFORE TRUNCATE ON households
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();

CREATE INDEX journey_records_kind_end ON journey_records (kind, end_date);
