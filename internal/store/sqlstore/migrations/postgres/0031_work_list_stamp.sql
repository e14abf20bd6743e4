-- 0031 (PostgreSQL): the work lists' stamp. See the SQLite migration of
-- the same number; stepped once a transaction at its commit, as the
-- performance framework's stamp is (0029), so that a long import holds the
-- row only while it commits.

CREATE TABLE work_list_stamp (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    writes BIGINT NOT NULL
);
INSERT INTO work_list_stamp (id, writes) VALUES (1, 0);

CREATE FUNCTION hearth_work_lists_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('hearth.work_lists_stamped', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
        PERFORM set_config('hearth.work_lists_stamped', txid_current()::text, true);
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER journey_records_list_stamp AFTER INSERT OR UPDATE ON journey_records
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_work_lists_written();
CREATE CONSTRAINT TRIGGER people_list_stamp AFTER UPDATE ON people
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_work_lists_written();
CREATE CONSTRAINT TRIGGER involvements_list_stamp AFTER INSERT OR UPDATE ON involvements
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_work_lists_written();
CREATE CONSTRAINT TRIGGER grants_list_stamp AFTER INSERT OR UPDATE OR DELETE ON grants
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_work_lists_written();
CREATE CONSTRAINT TRIGGER teams_list_stamp AFTER INSERT OR UPDATE ON teams
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_work_lists_written();
CREATE CONSTRAINT TRIGGER work_children_list_stamp AFTER INSERT OR UPDATE OR DELETE ON work_children
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_work_lists_written();
CREATE CONSTRAINT TRIGGER work_items_list_stamp AFTER INSERT OR UPDATE OR DELETE ON work_items
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_work_lists_written();
CREATE CONSTRAINT TRIGGER work_meetings_list_stamp AFTER INSERT OR UPDATE OR DELETE ON work_meetings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_work_lists_written();
