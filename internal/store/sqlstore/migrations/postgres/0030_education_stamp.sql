-- 0030 (PostgreSQL): education records and attendance imports step the
-- performance framework's stamp too. See the SQLite migration of the same
-- number, and 0029 for the once-a-transaction step.

CREATE CONSTRAINT TRIGGER education_records_stamp AFTER INSERT OR UPDATE ON education_records
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_performance_written();
CREATE CONSTRAINT TRIGGER attendance_imports_stamp AFTER INSERT ON attendance_imports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_performance_written();
