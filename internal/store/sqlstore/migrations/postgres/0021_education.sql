-- 0021 (PostgreSQL): the education half of a child's record, and the
-- register of schools. See the SQLite migration of the same number.

CREATE TABLE education_records (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version        INTEGER NOT NULL,
    person_id      BIGINT NOT NULL REFERENCES people (id),
    kind           TEXT NOT NULL,
    start_date     DATE,
    end_date       DATE,
    team_id        BIGINT REFERENCES teams (id),
    worker_id      BIGINT REFERENCES users (id),
    involvement_id BIGINT REFERENCES involvements (id),
    recorded_at    TIMESTAMPTZ NOT NULL,
    recorded_by    BIGINT REFERENCES users (id),
    reason         TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL
);
CREATE INDEX education_records_person ON education_records (person_id);
CREATE INDEX education_records_kind ON education_records (kind, end_date);

CREATE TRIGGER education_records_never_deleted BEFORE DELETE ON education_records
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER education_records_never_truncated BEFORE TRUNCATE ON education_records
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();

CREATE TABLE schools (
    urn         TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    phase       TEXT NOT NULL DEFAULT '',
    type        TEXT NOT NULL DEFAULT '',
    la_code     TEXT NOT NULL DEFAULT '',
    opened      DATE,
    closed      DATE,
    body        TEXT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL
);

CREATE TRIGGER schools_never_deleted BEFORE DELETE ON schools
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER schools_never_truncated BEFORE TRUNCATE ON schools
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();

CREATE TABLE attendance_imports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    imported_at TIMESTAMPTZ NOT NULL,
    imported_by BIGINT REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT '',
    rows        INTEGER NOT NULL
);

CREATE TABLE attendance (
    person_id    BIGINT NOT NULL REFERENCES people (id),
    urn          TEXT NOT NULL,
    period_from  DATE NOT NULL,
    period_to    DATE NOT NULL,
    sessions     TEXT NOT NULL,
    possible     INTEGER NOT NULL,
    attended     INTEGER NOT NULL,
    authorised   INTEGER NOT NULL,
    unauthorised INTEGER NOT NULL,
    import_id    BIGINT NOT NULL REFERENCES attendance_imports (id),
    PRIMARY KEY (person_id, urn, period_from, period_to)
);
