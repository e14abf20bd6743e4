-- 0029 (PostgreSQL): the performance framework's stamp, kept as writes
-- happen. See the SQLite migration of the same number.
--
-- Several servers write at once here, so the count is stepped once per
-- transaction, at its commit (a deferred constraint trigger): the row is
-- locked only from the commit's start to its end, never for the length of
-- a long import, and the step is seen exactly when the writes are. A
-- sequence would not do: its step is seen before the write commits, and a
-- reader could take the new stamp with the old records.

CREATE TABLE performance_stamp (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    writes BIGINT NOT NULL
);
INSERT INTO performance_stamp (id, writes) VALUES (1, 0);

CREATE FUNCTION hearth_performance_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The setting is the transaction's own (set_config's third argument),
    -- so each transaction steps the count once, however many rows it wrote.
    IF current_setting('hearth.performance_stamped', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE performance_stamp SET writes = writes + 1 WHERE id = 1;
        PERFORM set_config('hearth.performance_stamped', txid_current()::text, true);
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER journey_records_stamp AFTER INSERT OR UPDATE ON journey_records
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_performance_written();
CREATE CONSTRAINT TRIGGER people_stamp AFTER INSERT OR UPDATE ON people
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hearth_performance_written();
