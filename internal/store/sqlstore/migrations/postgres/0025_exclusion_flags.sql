-- 0025 (PostgreSQL): the notes a suspension or permanent exclusion writes
-- to the people who must know of it. See the SQLite migration of the same
-- number.

CREATE TABLE exclusion_flags (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id   BIGINT NOT NULL REFERENCES people (id),
    record_id   BIGINT NOT NULL REFERENCES education_records (id),
    worker_id   BIGINT REFERENCES users (id),
    team_id     BIGINT REFERENCES teams (id),
    category    TEXT NOT NULL,
    start_date  DATE NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by BIGINT REFERENCES users (id),
    CHECK ((worker_id IS NULL) <> (team_id IS NULL))
);
CREATE INDEX exclusion_flags_worker ON exclusion_flags (worker_id, recorded_at);
CREATE INDEX exclusion_flags_team ON exclusion_flags (team_id, recorded_at);

CREATE TRIGGER exclusion_flags_never_deleted BEFORE DELETE ON exclusion_flags
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER exclusion_flags_never_changed BEFORE UPDATE ON exclusion_flags
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER exclusion_flags_never_truncated BEFORE TRUNCATE ON exclusion_flags
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
