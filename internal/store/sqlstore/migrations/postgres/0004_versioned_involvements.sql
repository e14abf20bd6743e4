-- 0004 (PostgreSQL): involvements become versioned records. See the SQLite
-- migration of the same number.

ALTER TABLE involvements ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

INSERT INTO record_versions (kind, record_id, version, recorded_at, recorded_by, reason, body)
SELECT 'involvement', id, 1, recorded_at, recorded_by, reason,
       jsonb_build_object('id', id, 'version', 1, 'person_id', person_id, 'kind', kind,
                          'team_id', COALESCE(team_id, 0), 'worker_id', COALESCE(worker_id, 0),
                          'start_date', start_date, 'end_date', end_date)
FROM involvements;

CREATE TRIGGER involvements_never_deleted BEFORE DELETE ON involvements
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER involvements_never_truncated BEFORE TRUNCATE ON involvements
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
