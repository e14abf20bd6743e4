-- 0009 (PostgreSQL): the child's journey. See the SQLite migration of the
-- same number.

CREATE TABLE journey_records (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version     INTEGER NOT NULL,
    person_id   BIGINT NOT NULL REFERENCES people (id),
    kind        TEXT NOT NULL,
    episode_id  BIGINT REFERENCES journey_records (id),
    follows_id  BIGINT REFERENCES journey_records (id),
    start_date  DATE,
    end_date    DATE,
    team_id     BIGINT REFERENCES teams (id),
    worker_id   BIGINT REFERENCES users (id),
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by BIGINT REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL
);
CREATE INDEX journey_records_person ON journey_records (person_id);
CREATE INDEX journey_records_open ON journey_records (kind, person_id) WHERE end_date IS NULL;
CREATE INDEX journey_records_team ON journey_records (team_id, end_date);
CREATE INDEX journey_records_worker ON journey_records (worker_id, end_date);

CREATE TRIGGER journey_records_never_deleted BEFORE DELETE ON journey_records
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER journey_records_never_truncated BEFORE TRUNCATE ON journey_records
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();

ALTER TABLE involvements ADD COLUMN record_id BIGINT REFERENCES journey_records (id);
-- A record gives at most one involvement.
CREATE UNIQUE INDEX involvements_record ON involvements (record_id);
