-- 0015 (PostgreSQL): indexes that let the daily briefing and the work lists
-- choose their records without reading each row. See the SQLite migration
-- of the same number for why each.
DROP INDEX journey_records_kind_end;
CREATE INDEX journey_records_kind_end ON journey_records (kind, end_date, start_date);

CREATE INDEX journey_records_person_kind ON journey_records (person_id, kind, end_date);

DROP INDEX journey_records_worker;
CREATE INDEX journey_records_worker ON journey_records (worker_id, kind, end_date);
DROP INDEX journey_records_team;
CREATE INDEX journey_records_team ON journey_records (team_id, kind, end_date);

ANALYZE journey_records;
