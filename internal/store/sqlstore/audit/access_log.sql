-- The access log of a SQLite store, in a file of its own attached to every
-- connection as "audit" (see auditlog.go). Every statement may run again:
-- this schema is brought up at every start, after the numbered migrations.
-- It matches the access_log table of migrations/postgres.

CREATE TABLE IF NOT EXISTS audit.access_log (
    id        INTEGER PRIMARY KEY,
    at        DATETIME NOT NULL,
    user_id   INTEGER,
    username  TEXT NOT NULL DEFAULT '',
    person_id INTEGER,
    action    TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    remote    TEXT NOT NULL DEFAULT '',
    route     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit.access_log_person ON access_log (person_id, at);
CREATE INDEX IF NOT EXISTS audit.access_log_user ON access_log (user_id, at);
CREATE INDEX IF NOT EXISTS audit.access_log_at ON access_log (at);

CREATE TRIGGER IF NOT EXISTS audit.access_log_never_deleted BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is never deleted');
END;

CREATE TRIGGER IF NOT EXISTS audit.access_log_never_changed BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is never changed');
END;
