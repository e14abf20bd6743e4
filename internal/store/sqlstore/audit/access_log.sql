-- The access log of a SQLite store, in a file of its own attached to every
-- connection as "audit" (see auditlog.go). Every statement may run again:
-- this schema is brought up at every start, after the numbered migrations
-- and after upgradeAuditLog has brought an older file's table to this shape.
-- It matches the access_log table of migrations/postgres (0001 and 0005).

CREATE TABLE IF NOT EXISTS audit.access_log (
    id        INTEGER PRIMARY KEY,
    at        DATETIME NOT NULL,
    user_id   INTEGER,
    username  TEXT NOT NULL DEFAULT '',
    person_id INTEGER,
    action    TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    remote    TEXT NOT NULL DEFAULT '',
    route     TEXT NOT NULL DEFAULT '',
    kind      TEXT NOT NULL DEFAULT '',
    record_id INTEGER,
    note      TEXT NOT NULL DEFAULT '',
    children  INTEGER NOT NULL DEFAULT 0,
    state     TEXT NOT NULL DEFAULT 'done'
);
CREATE INDEX IF NOT EXISTS audit.access_log_person ON access_log (person_id, at);
CREATE INDEX IF NOT EXISTS audit.access_log_user ON access_log (user_id, at);
CREATE INDEX IF NOT EXISTS audit.access_log_at ON access_log (at);
CREATE INDEX IF NOT EXISTS audit.access_log_action ON access_log (action, at);
CREATE INDEX IF NOT EXISTS audit.access_log_pending ON access_log (id) WHERE state = 'pending';

CREATE TRIGGER IF NOT EXISTS audit.access_log_never_deleted BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is never deleted');
END;

-- A line is never changed, except once: a pending line is settled (done or
-- failed), and may then gain the id of the record its write created.
CREATE TRIGGER IF NOT EXISTS audit.access_log_never_changed BEFORE UPDATE ON access_log
WHEN NOT (OLD.state = 'pending' AND NEW.state IN ('done', 'failed')
    AND NEW.id = OLD.id AND NEW.at IS OLD.at
    AND NEW.user_id IS OLD.user_id AND NEW.username IS OLD.username
    AND (OLD.person_id IS NULL OR NEW.person_id IS OLD.person_id)
    AND NEW.kind IS OLD.kind
    AND (OLD.record_id IS NULL OR NEW.record_id IS OLD.record_id)
    AND NEW.action IS OLD.action AND NEW.reason IS OLD.reason AND NEW.note IS OLD.note
    AND NEW.children IS OLD.children AND NEW.remote IS OLD.remote AND NEW.route IS OLD.route)
BEGIN
    SELECT RAISE(ABORT, 'the access log is never changed, except to settle a pending line');
END;

-- The id of the store this log belongs to (identity.go).
CREATE TABLE IF NOT EXISTS audit.log_identity (
    id TEXT PRIMARY KEY
);
