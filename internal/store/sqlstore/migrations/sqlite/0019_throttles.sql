-- 0019: the sign-in and search throttles' counts, where every Hearth
-- process sharing the database sees them (throttles.go). A key is a hash of
-- what is counted (a name, a user, an address), never the name itself; its
-- state is the count or token bucket as JSON. Rows are not records: a key
-- not touched for a day is deleted, which only gives it a fresh allowance.

CREATE TABLE throttles (
    key        TEXT PRIMARY KEY,
    state      TEXT NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX throttles_updated ON throttles (updated_at);
