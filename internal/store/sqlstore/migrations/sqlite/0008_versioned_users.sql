-- 0008 (SQLite): users become versioned records on the one mechanism, and
-- the columns of the old sign-in lock go.
--
-- Each user now has a version, as people, relationships and involvements
-- do, which a change must name: a change made from an older version is
-- refused, so that two administrators changing one account cannot both win.
-- Every version is a row of record_versions (kind 'user') holding the
-- account as JSON (never the password hash). A user who already has
-- versions keeps them, and their latest is their current version; a user
-- made before users were versioned (before 0003) and not changed since gets
-- version 1, the account as it stands now, recorded now by nobody. Like the
-- other versioned records, an account is never deleted: it is disabled.
--
-- failed_count and locked_until were the sign-in lock's; sign-in is now
-- slowed in memory (access.NameThrottle) and nothing reads or writes them.

ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

UPDATE users SET version = (SELECT MAX(v.version) FROM record_versions v WHERE v.kind = 'user' AND v.record_id = users.id)
WHERE EXISTS (SELECT 1 FROM record_versions v WHERE v.kind = 'user' AND v.record_id = users.id);

-- Every moment is stored in UTC ("2024-03-01 09:30:00.25+00:00"), so the
-- account's created_at becomes RFC 3339 by its separators alone, keeping
-- its microseconds.
INSERT INTO record_versions (kind, record_id, version, recorded_at, recorded_by, reason, body)
SELECT 'user', u.id, 1, strftime('%Y-%m-%d %H:%M:%f', 'now') || '+00:00', NULL,
       'The account as it stood when changes to users began to be recorded',
       json_object('id', u.id, 'version', 1, 'username', u.username, 'display_name', u.display_name,
                   'roles', json((SELECT json_group_array(r.role ORDER BY r.position) FROM user_roles r WHERE r.user_id = u.id)),
                   'team_id', COALESCE(u.team_id, 0),
                   'disabled', json(CASE WHEN u.disabled THEN 'true' ELSE 'false' END),
                   'created_at', replace(replace(u.created_at, ' ', 'T'), '+00:00', 'Z'))
FROM users u
WHERE NOT EXISTS (SELECT 1 FROM record_versions v WHERE v.kind = 'user' AND v.record_id = u.id);

CREATE TRIGGER users_never_deleted BEFORE DELETE ON users
BEGIN
    SELECT RAISE(ABORT, 'users are never deleted');
END;

ALTER TABLE users DROP COLUMN failed_count;
ALTER TABLE users DROP COLUMN locked_until;
