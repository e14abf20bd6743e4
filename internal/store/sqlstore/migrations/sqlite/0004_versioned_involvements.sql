-- 0004 (SQLite): involvements become versioned records.
--
-- Each involvement now has a version, as people and relationships do, and
-- every version is a row of record_versions (kind 'involvement') holding the
-- record as JSON. The row of involvements is the current version: an
-- involvement is changed or ended (given an end date) by writing a new one.
-- recorded_at, recorded_by and reason stay as the first version's.
-- Involvements already recorded become version 1, with a version row made
-- from the row itself. Like the other versioned records, an involvement is
-- never deleted.

ALTER TABLE involvements ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

INSERT INTO record_versions (kind, record_id, version, recorded_at, recorded_by, reason, body)
SELECT 'involvement', id, 1, recorded_at, recorded_by, reason,
       json_object('id', id, 'version', 1, 'person_id', person_id, 'kind', kind,
                   'team_id', COALESCE(team_id, 0), 'worker_id', COALESCE(worker_id, 0),
                   'start_date', start_date, 'end_date', end_date)
FROM involvements;

CREATE TRIGGER involvements_never_deleted BEFORE DELETE ON involvements
BEGIN
    SELECT RAISE(ABORT, 'involvements are never deleted');
END;
