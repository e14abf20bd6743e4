-- 0002 (PostgreSQL): an index of person_name_keys in name order within each
-- key, so that a search for a common name reads its first page and stops.
-- See the SQLite migration of the same number.

CREATE INDEX person_name_keys_order ON person_name_keys (key, family_key, given_key, person_id);
