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
