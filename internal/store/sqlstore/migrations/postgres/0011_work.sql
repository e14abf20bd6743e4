-- 0011 (PostgreSQL): each child's work, derived from their journey. See the
-- SQLite migration of the same number.

CREATE TABLE work_children (
    person_id    BIGINT PRIMARY KEY REFERENCES people (id),
    status       TEXT NOT NULL,
    status_from  DATE NOT NULL,
    status_until DATE,
    team_id      BIGINT,
    worker_id    BIGINT
);

CREATE TABLE work_items (
    person_id BIGINT NOT NULL REFERENCES people (id),
    record_id BIGINT NOT NULL REFERENCES journey_records (id),
    kind      TEXT NOT NULL,
    what      TEXT NOT NULL,
    due       DATE NOT NULL,
    due_at    TIMESTAMPTZ,
    team_id   BIGINT,
    worker_id BIGINT
);
CREATE INDEX work_items_person ON work_items (person_id);

CREATE TABLE work_meetings (
    person_id BIGINT NOT NULL REFERENCES people (id),
    record_id BIGINT NOT NULL REFERENCES journey_records (id),
    offered   DATE NOT NULL,
    held      DATE
);
CREATE INDEX work_meetings_person ON work_meetings (person_id);

CREATE INDEX involvements_access ON involvements (person_id, id, kind, team_id, worker_id, start_date, end_date);
