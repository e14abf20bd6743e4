-- 0007 (SQLite): an index for reading many records as recorded at a past
-- moment (sqlstore/asof.go).
--
-- A record as recorded at T is its version with the greatest number among
-- those recorded at or before T. The primary key (kind, record_id, version)
-- finds a record's versions but not when each was recorded, which is in the
-- table's row beside the body: choosing the version meant reading every
-- version's row. With recorded_at in the index, the choice is made from the
-- index alone, and only the chosen versions' rows are read. See "Reading
-- records as of a moment, in bulk" in docs/DATA-MODEL.md.

CREATE INDEX record_versions_as_of ON record_versions (kind, record_id, version, recorded_at);
