-- 0009 (SQLite): the child's journey.
--
-- Each journey record (a contact, an early help episode, a referral and the
-- work within it, a plan, a visit, a note, an allocation, a family network
-- meeting) is a versioned record: every version is a row of record_versions
-- (kind 'journey') holding the record as JSON, and its row here is the
-- current version, with the columns that the child's page, the work lists
-- and the front door's queue look records up by. recorded_at is when the
-- record was first written; recorded_by and reason stay the first
-- version's. A record's person and kind never change. episode_id and
-- follows_id name other records of the same child (the store checks that
-- they are the child's). Like the other versioned records, a journey record
-- is never deleted.
--
-- An involvement that a journey record gives (an open contact, early help
-- episode, referral or allocation: journey.Involvement) names it in
-- record_id, by which the record's later versions find it and keep it in
-- step; record_id is NULL for an involvement entered on its own.
--
-- body is the current version's record as JSON, the same text as its row of
-- record_versions: work lists and due work read the current records of
-- hundreds of children at once, and reading them here, beside the columns
-- that find them, spares a lookup in record_versions for each (the team's
-- page of 376 children went from about 180 ms to about 110 ms). As-of reads and
-- histories still read record_versions.

CREATE TABLE journey_records (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    kind        TEXT NOT NULL,
    episode_id  INTEGER REFERENCES journey_records (id),
    follows_id  INTEGER REFERENCES journey_records (id),
    start_date  TEXT,
    end_date    TEXT,
    team_id     INTEGER REFERENCES teams (id),
    worker_id   INTEGER REFERENCES users (id),
    recorded_at DATETIME NOT NULL,
    recorded_by INTEGER REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL
);
-- The child's page: every record of one child.
CREATE INDEX journey_records_person ON journey_records (person_id);
-- The front door's queue (undecided contacts) and the open journeys due
-- work is computed from: the records still open, by kind. Closed records,
-- nearly all of them in time, are not in it.
CREATE INDEX journey_records_open ON journey_records (kind, person_id) WHERE end_date IS NULL;
-- Work lists: a team's or a worker's records, open ones (no end, or an end
-- not yet passed) found by the end date.
CREATE INDEX journey_records_team ON journey_records (team_id, end_date);
CREATE INDEX journey_records_worker ON journey_records (worker_id, end_date);

CREATE TRIGGER journey_records_never_deleted BEFORE DELETE ON journey_records
BEGIN
    SELECT RAISE(ABORT, 'journey records are never deleted');
END;

ALTER TABLE involvements ADD COLUMN record_id INTEGER REFERENCES journey_records (id);
-- A record gives at most one involvement.
CREATE UNIQUE INDEX involvements_record ON involvements (record_id);
