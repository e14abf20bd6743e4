-- 0002 (SQLite): an index of person_name_keys in name order within each key.
--
-- The table's primary key is (key, person_id), so the people a key matches
-- come out in id order, and a search for a common name read and sorted every
-- one of them to show the first fifty. In this index each key's people lie
-- in the order results are shown, so a search reads the first page and
-- stops (see search.go).
--
-- It is a second index rather than a new primary key: every index of a
-- WITHOUT ROWID table carries the primary key's columns, and with the sort
-- keys in the primary key person_name_keys_person would be twice the size,
-- which made the searches that check a word person by person through it
-- half as fast again.

CREATE INDEX person_name_keys_order ON person_name_keys (key, family_key, given_key, person_id);
