-- 0008 (PostgreSQL): users become versioned records on the one mechanism,
-- and the columns of the old sign-in lock go. See the SQLite migration of
-- the same number.

ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

UPDATE users SET version = v.latest
FROM (SELECT record_id, MAX(version) AS latest FROM record_versions WHERE kind = 'user' GROUP BY record_id) v
WHERE v.record_id = users.id;

INSERT INTO record_versions (kind, record_id, version, recorded_at, recorded_by, reason, body)
SELECT 'user', u.id, 1, now(), NULL,
       'The account as it stood when changes to users began to be recorded',
       jsonb_build_object('id', u.id, 'version', 1, 'username', u.username, 'display_name', u.display_name,
                          'roles', COALESCE((SELECT jsonb_agg(r.role ORDER BY r.position) FROM user_roles r WHERE r.user_id = u.id), '[]'::jsonb),
                          'team_id', COALESCE(u.team_id, 0),
                          'disabled', u.disabled,
                          'created_at', to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
FROM users u
WHERE NOT EXISTS (SELECT 1 FROM record_versions v WHERE v.kind = 'user' AND v.record_id = u.id);

CREATE TRIGGER users_never_deleted BEFORE DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER users_never_truncated BEFORE TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();

ALTER TABLE users DROP COLUMN failed_count;
ALTER TABLE users DROP COLUMN locked_until;
