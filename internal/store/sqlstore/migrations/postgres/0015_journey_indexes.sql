-- 0015 (PostgreSQL): indexes that let the daily briefing choose its records
-- without reading each row. See the SQLite migration of the same number.
DROP INDEX journey_records_kind_end;
CREATE INDEX journey_records_kind_end ON journey_records (kind, end_date, start_date);

CREATE INDEX journey_records_person_kind ON journey_records (person_id, kind, end_date);

ANALYZE journey_records;
