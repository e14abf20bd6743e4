-- 0029: the performance framework's stamp, kept as writes happen. Each
-- server asks it about once a second whether a journey record or a person
-- has been written (by any process) since it read the children; counting
-- and summing the versions of every record and person to answer took a
-- third of a second at ten times Demo City. The count here is stepped by
-- the write itself, in its transaction, so it changes exactly when the
-- write is seen, and reading it is one row.

CREATE TABLE performance_stamp (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    writes INTEGER NOT NULL
);
INSERT INTO performance_stamp (id, writes) VALUES (1, 0);

CREATE TRIGGER journey_records_stamp_insert AFTER INSERT ON journey_records
BEGIN
    UPDATE performance_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER journey_records_stamp_update AFTER UPDATE ON journey_records
BEGIN
    UPDATE performance_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER people_stamp_insert AFTER INSERT ON people
BEGIN
    UPDATE performance_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER people_stamp_update AFTER UPDATE ON people
BEGIN
    UPDATE performance_stamp SET writes = writes + 1 WHERE id = 1;
END;
