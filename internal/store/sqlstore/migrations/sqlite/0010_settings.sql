-- 0010 (SQLite): the council's settings, beginning with its timescales.
--
-- Each setting is a versioned record: every version is a row of
-- record_versions (kind 'setting') holding the setting as JSON, with who
-- changed it, when and why, and its row here is found by its name
-- ('timescales') and names its current version. recorded_at, recorded_by
-- and reason are the latest change's, so that the table alone says when a
-- rule last changed. A council that has set nothing has no row, and the
-- application uses the defaults of statute and guidance. Like the other
-- versioned records, a setting is never deleted.

CREATE TABLE settings (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL,
    name        TEXT NOT NULL UNIQUE,
    recorded_at DATETIME NOT NULL,
    recorded_by INTEGER REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER settings_never_deleted BEFORE DELETE ON settings
BEGIN
    SELECT RAISE(ABORT, 'settings are never deleted');
END;
