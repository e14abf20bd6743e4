-- 0012 (SQLite): the register of foster households.
--
-- Each household is a versioned record: every version is a row of
-- record_versions (kind 'household') holding the household as JSON, with who
-- changed it, when and why, and its row here names its current version with
-- the columns the register is listed and filtered by (its name, its type,
-- and the day it was deregistered, NULL while it is on the register).
-- recorded_at, recorded_by and reason stay the first version's. Leaving the
-- register is a change that sets deregistered: like the other versioned
-- records, a household is never deleted.

CREATE TABLE households (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL,
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,
    deregistered TEXT,
    recorded_at  DATETIME NOT NULL,
    recorded_by  INTEGER REFERENCES users (id),
    reason       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX households_name ON households (name, id);

CREATE TRIGGER households_never_deleted BEFORE DELETE ON households
BEGIN
    SELECT RAISE(ABORT, 'households are never deleted');
END;

-- The children living with a household, and the count of foster
-- placements, are read from the episodes of care open today. Those with no
-- end are in journey_records_open; this finds those ending after today.
CREATE INDEX journey_records_kind_end ON journey_records (kind, end_date);
