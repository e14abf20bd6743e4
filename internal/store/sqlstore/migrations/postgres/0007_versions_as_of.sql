-- 0007 (PostgreSQL): an index for reading many records as recorded at a past
-- moment, so that the version current at T is chosen from the index alone.
-- See the SQLite migration of the same number.

CREATE INDEX record_versions_as_of ON record_versions (kind, record_id, version, recorded_at);
