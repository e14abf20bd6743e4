-- 0011 (SQLite): each child's work, derived from their journey.
--
-- A work list shows, for each of its children, their status, the worker
-- and team they are allocated to, and what their timescales make due. These
-- are computed in Go by the journey's rules (journey.Status,
-- journey.CurrentAllocation, journey.DueWork) over the child's whole
-- journey, the child's date of birth and the council's timescales, and kept
-- here, rewritten in the transaction of every change to any of those: a
-- journey record's creation or change, an import, a change to the child's
-- details, a change to the timescales (every child's). A list then reads a
-- few small rows per child instead of decoding every record of each (a
-- team's page of 376 children read 4,200 records). They are derived, not
-- records: rewritten, not versioned, and deleted with nothing lost.
--
-- work_children holds one row per child with any journey record. status is
-- journey.Status on status_from (the day of the change that wrote it) and on
-- every day after it until status_until (NULL: no record starts or ends
-- later, so for ever); a list read on a day outside that span computes it
-- again from the records. team_id and worker_id are the open allocation's.
--
-- work_items holds each item of journey.DueWork: the record it is about,
-- its kind, what is to be done, the day (and for a timescale in hours the
-- moment) it is due, and the team and worker it falls to.
--
-- work_meetings holds each family network meeting: the day it was offered
-- and the day it was held (NULL: not yet), which a team's page counts over
-- the last twelve months.
--
-- involvements_access covers the columns that a work list reads of each of
-- its children's involvements to authorise them (Subjects): a team's page of
-- 400 children otherwise looks up some 3,600 involvement rows in the table
-- (the page's CPU time 44 -> 38 ms).

CREATE TABLE work_children (
    person_id    INTEGER PRIMARY KEY REFERENCES people (id),
    status       TEXT NOT NULL,
    status_from  TEXT NOT NULL,
    status_until TEXT,
    team_id      INTEGER,
    worker_id    INTEGER
);

CREATE TABLE work_items (
    person_id INTEGER NOT NULL REFERENCES people (id),
    record_id INTEGER NOT NULL REFERENCES journey_records (id),
    kind      TEXT NOT NULL,
    what      TEXT NOT NULL,
    due       TEXT NOT NULL,
    due_at    DATETIME,
    team_id   INTEGER,
    worker_id INTEGER
);
CREATE INDEX work_items_person ON work_items (person_id);

CREATE TABLE work_meetings (
    person_id INTEGER NOT NULL REFERENCES people (id),
    record_id INTEGER NOT NULL REFERENCES journey_records (id),
    offered   TEXT NOT NULL,
    held      TEXT
);
CREATE INDEX work_meetings_person ON work_meetings (person_id);

CREATE INDEX involvements_access ON involvements (person_id, id, kind, team_id, worker_id, start_date, end_date);
