-- 0005 (SQLite): the writes that settle the access log's pending lines.
--
-- The access log itself is in a file of its own, whose schema (typed lines,
-- with kind, record_id, note, children and state) is brought up by
-- audit/access_log.sql at every start; lines written before are upgraded
-- there, mapped as migrations/postgres/0005 maps them.
--
-- A write is logged before it is made, as a pending line in the log's file;
-- the write's own transaction, in this file, adds a row here naming that
-- line; the line is then settled. WAL gives no commit across the two files,
-- so a process that stops in between leaves a pending line whose row here
-- shows whether its write committed, and opening the store settles it
-- (SettlePending).

CREATE TABLE access_log_writes (
    line_id   INTEGER PRIMARY KEY,
    person_id INTEGER,
    record_id INTEGER
);

CREATE TRIGGER access_log_writes_never_deleted BEFORE DELETE ON access_log_writes
BEGIN
    SELECT RAISE(ABORT, 'access_log_writes rows are never deleted');
END;
