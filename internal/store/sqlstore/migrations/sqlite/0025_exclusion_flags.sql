-- 0025 (SQLite): the notes a suspension or permanent exclusion writes to
-- the people who must know of it the day it is recorded.
--
-- When an education officer records a suspension or a permanent exclusion
-- of a child who has an open social care involvement (a child in need or
-- child protection episode, an allocation, or care), the same transaction
-- writes one row here for each allocated worker on those involvements and
-- one for the team the council names as its Virtual School. worker_id or
-- team_id says whose list the note is on (one of them, never both);
-- record_id is the education record the note is about, start_date the
-- exclusion's first day and category its census category. A note is what
-- was known when it was written: it is never changed or deleted, and who
-- may read it is decided each time from the child's record, as for the
-- child's page.

CREATE TABLE exclusion_flags (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    record_id   INTEGER NOT NULL REFERENCES education_records (id),
    worker_id   INTEGER REFERENCES users (id),
    team_id     INTEGER REFERENCES teams (id),
    category    TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    recorded_at DATETIME NOT NULL,
    recorded_by INTEGER REFERENCES users (id),
    CHECK ((worker_id IS NULL) <> (team_id IS NULL))
);
-- A worker's list and a team's list each read their own notes.
CREATE INDEX exclusion_flags_worker ON exclusion_flags (worker_id, recorded_at);
CREATE INDEX exclusion_flags_team ON exclusion_flags (team_id, recorded_at);

CREATE TRIGGER exclusion_flags_never_deleted BEFORE DELETE ON exclusion_flags
BEGIN
    SELECT RAISE(ABORT, 'exclusion flags are never deleted');
END;
CREATE TRIGGER exclusion_flags_never_changed BEFORE UPDATE ON exclusion_flags
BEGIN
    SELECT RAISE(ABORT, 'exclusion flags are never changed');
END;
