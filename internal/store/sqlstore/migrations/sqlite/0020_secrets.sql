-- 0020: keys the council's Hearth processes must share, made once and
-- kept here (secrets.go): the key that signs the sign-in page's device
-- cookie, so that a browser known to one server is known to every other
-- and after a restart. A key is never changed or shown; it is as secret as
-- the store that holds it.

CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
