-- 0005 (PostgreSQL): typed lines in the access log, and the writes that
-- settle them.
--
-- Each line now names the kind of record and its id, keeps what the user
-- typed (a reason for breaking the glass, search terms) apart from the
-- decision's reason, counts the children of an export or bulk read, and says
-- whether the write it records happened (state: done, pending, failed).
-- Actions come from a fixed list (store.AccessActions), checked by the store
-- on every write rather than here, so that adding one takes no migration.
--
-- A write is logged before it is made, as a pending line; the write's own
-- transaction adds a row to access_log_writes naming that line; the line is
-- then settled. A process that stops in between leaves a pending line whose
-- row in access_log_writes shows whether its write committed, and opening the
-- store settles it (SettlePending). SQLite keeps the same table in its
-- records' file, where its log's file cannot share a commit.

ALTER TABLE access_log ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE access_log ADD COLUMN record_id BIGINT;
ALTER TABLE access_log ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE access_log ADD COLUMN children INTEGER NOT NULL DEFAULT 0;
ALTER TABLE access_log ADD COLUMN state TEXT NOT NULL DEFAULT 'done';

-- The lines written before (sqlstore/auditlog.go maps a SQLite store's the
-- same way):
-- - a line about a person is about the person's record, except the changes
--   to relationships, which were logged as updates of the person with the
--   reason "relationship added" or "relationship changed" (the relationship's
--   id was not kept);
-- - a line of an administrator's act on a user account ("user 12: ...") is
--   about that user's account;
-- - what the user typed moves from the reason to the note: a restriction's
--   reason; a search's or duplicate check's terms ("role; name: ..."); the
--   terms of a search refused as one too many;
-- - "grant" is now "grant.create".
DROP TRIGGER access_log_never_changed ON access_log;
UPDATE access_log SET
    kind = CASE
        WHEN action = 'update' AND reason IN ('relationship added', 'relationship changed') THEN 'relationship'
        WHEN action IN ('user.create', 'user.update', 'user.roles', 'token.revoke', 'denied') AND reason ~ '^user [0-9]+: ' THEN 'user'
        WHEN person_id IS NOT NULL THEN 'person'
        ELSE '' END,
    record_id = CASE
        WHEN action = 'update' AND reason IN ('relationship added', 'relationship changed') THEN NULL
        WHEN action IN ('user.create', 'user.update', 'user.roles', 'token.revoke', 'denied') AND reason ~ '^user [0-9]+: '
            THEN substring(reason FROM '^user ([0-9]+): ')::bigint
        ELSE person_id END,
    action = CASE
        WHEN action = 'update' AND reason = 'relationship added' THEN 'create'
        WHEN action = 'grant' THEN 'grant.create'
        ELSE action END,
    note = CASE
        WHEN action IN ('restrict', 'unrestrict') THEN reason
        WHEN action IN ('search', 'check') AND reason LIKE 'role; %' THEN substr(reason, 7)
        WHEN action = 'denied' AND reason LIKE '%: too many searches; %' THEN substr(reason, strpos(reason, '; ') + 2)
        ELSE '' END,
    reason = CASE
        WHEN action IN ('restrict', 'unrestrict') THEN 'role'
        WHEN action IN ('search', 'check') AND reason LIKE 'role; %' THEN 'role'
        WHEN action = 'denied' AND reason LIKE '%: too many searches; %' THEN substr(reason, 1, strpos(reason, '; ') - 1)
        ELSE reason END;

-- A line is never changed, except once: a pending line is settled (done or
-- failed), and may then gain the id of the record its write created.
CREATE FUNCTION hearth_access_log_settle_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state = 'pending' AND NEW.state IN ('done', 'failed')
        AND NEW.id = OLD.id AND NEW.at = OLD.at
        AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id AND NEW.username = OLD.username
        AND (OLD.person_id IS NULL OR NEW.person_id IS NOT DISTINCT FROM OLD.person_id)
        AND NEW.kind = OLD.kind
        AND (OLD.record_id IS NULL OR NEW.record_id IS NOT DISTINCT FROM OLD.record_id)
        AND NEW.action = OLD.action AND NEW.reason = OLD.reason AND NEW.note = OLD.note
        AND NEW.children = OLD.children AND NEW.remote = OLD.remote AND NEW.route = OLD.route THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'rows of access_log are never changed, except to settle a pending line';
END;
$$;
CREATE TRIGGER access_log_never_changed BEFORE UPDATE ON access_log
    FOR EACH ROW EXECUTE FUNCTION hearth_access_log_settle_only();

CREATE INDEX access_log_action ON access_log (action, at);
CREATE INDEX access_log_pending ON access_log (id) WHERE state = 'pending';

-- No foreign key to access_log: on SQLite the log is in another file.
CREATE TABLE access_log_writes (
    line_id   BIGINT PRIMARY KEY,
    person_id BIGINT,
    record_id BIGINT
);
CREATE TRIGGER access_log_writes_never_deleted BEFORE DELETE ON access_log_writes
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
