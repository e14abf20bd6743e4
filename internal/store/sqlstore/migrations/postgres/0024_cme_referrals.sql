-- 0024 (PostgreSQL): referrals of children missing education, sent through
-- the council's public form. See the SQLite migration of the same number.

CREATE TABLE cme_referrals (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version     INTEGER NOT NULL,
    reference   TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    person_id   BIGINT REFERENCES people (id),
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by BIGINT REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cme_referrals_queue ON cme_referrals (status, received_at, id);

CREATE TRIGGER cme_referrals_never_deleted BEFORE DELETE ON cme_referrals
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER cme_referrals_never_truncated BEFORE TRUNCATE ON cme_referrals
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
