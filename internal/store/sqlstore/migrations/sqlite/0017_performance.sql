-- 0017: the performance framework's marks. The framework keeps the
-- children it read and, when anything has been written, asks each child's
-- count of journey records and the sum of their versions, to read again
-- only the children whose records changed. This index holds both, so that
-- the question is answered from the index alone rather than by reading
-- every record's row.

CREATE INDEX journey_records_person_version ON journey_records (person_id, version);
