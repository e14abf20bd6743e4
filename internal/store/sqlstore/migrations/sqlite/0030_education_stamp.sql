-- 0030: education records and attendance step the performance framework's
-- stamp (0029) too, since the framework counts them. Attendance comes in
-- imports of thousands of rows, each import one row of attendance_imports
-- in the same transaction: that row steps the count, not each pupil's.

CREATE TRIGGER education_records_stamp_insert AFTER INSERT ON education_records
BEGIN
    UPDATE performance_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER education_records_stamp_update AFTER UPDATE ON education_records
BEGIN
    UPDATE performance_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER attendance_imports_stamp_insert AFTER INSERT ON attendance_imports
BEGIN
    UPDATE performance_stamp SET writes = writes + 1 WHERE id = 1;
END;
