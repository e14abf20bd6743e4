-- 0015 (SQLite): indexes that let the daily briefing and the work lists
-- choose their records without reading each row.
--
-- The briefing's children are found by their screenings and MACE meetings
-- since a day: with the start date in the index of kind and end, the ones
-- before it are passed over in the index (of 3,300 open screenings in Demo
-- City, 300 are in the last year) instead of each row being read to see its
-- date.
DROP INDEX journey_records_kind_end;
CREATE INDEX journey_records_kind_end ON journey_records (kind, end_date, start_date);

-- A child's records by kind and end: the briefing reads, of each of its
-- children (about 50 records each), the few open records of five kinds,
-- and found them by reading every record of the child. A separate index,
-- not journey_records_person widened: read through this one, a child's
-- whole journey comes by kind rather than in the order it was written,
-- and sorting it by date then took its page longer.
CREATE INDEX journey_records_person_kind ON journey_records (person_id, kind, end_date);

-- Work lists: a worker's allocations and a team's allocations, contacts,
-- early help and referrals, open on a day, found by the kind in the index
-- as well. Without it the worker's or team's every record was read (a
-- team's open visits, reviews and plans, thousands) to keep the few of
-- those kinds, and PostgreSQL joined the team's records with every record
-- of those kinds in the council (140,000, 10 ms).
DROP INDEX journey_records_worker;
CREATE INDEX journey_records_worker ON journey_records (worker_id, kind, end_date);
DROP INDEX journey_records_team;
CREATE INDEX journey_records_team ON journey_records (team_id, kind, end_date);

ANALYZE journey_records;
