-- 0031: the work lists' stamp. A work list (my work, a team's page, the
-- front door) is its children's access facts (whether each is restricted,
-- their involvements, their grants, their teams' services) and their
-- derived work; app keeps a list it read under this count, and reads it
-- again only when the count has moved. Every write to a table the lists
-- read steps it, in the write's own transaction, so the step is seen
-- exactly when the write is, whatever process made it. A person's insert
-- is left out: a new person is on no list until a journey record names
-- them, and that record steps the count.

CREATE TABLE work_list_stamp (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    writes INTEGER NOT NULL
);
INSERT INTO work_list_stamp (id, writes) VALUES (1, 0);

CREATE TRIGGER journey_records_list_stamp_insert AFTER INSERT ON journey_records
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER journey_records_list_stamp_update AFTER UPDATE ON journey_records
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER people_list_stamp_update AFTER UPDATE ON people
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER involvements_list_stamp_insert AFTER INSERT ON involvements
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER involvements_list_stamp_update AFTER UPDATE ON involvements
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER grants_list_stamp_insert AFTER INSERT ON grants
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER grants_list_stamp_update AFTER UPDATE ON grants
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER grants_list_stamp_delete AFTER DELETE ON grants
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER teams_list_stamp_insert AFTER INSERT ON teams
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER teams_list_stamp_update AFTER UPDATE ON teams
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER work_children_list_stamp_insert AFTER INSERT ON work_children
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER work_children_list_stamp_update AFTER UPDATE ON work_children
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER work_children_list_stamp_delete AFTER DELETE ON work_children
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER work_items_list_stamp_insert AFTER INSERT ON work_items
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER work_items_list_stamp_update AFTER UPDATE ON work_items
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER work_items_list_stamp_delete AFTER DELETE ON work_items
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER work_meetings_list_stamp_insert AFTER INSERT ON work_meetings
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER work_meetings_list_stamp_update AFTER UPDATE ON work_meetings
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
CREATE TRIGGER work_meetings_list_stamp_delete AFTER DELETE ON work_meetings
BEGIN
    UPDATE work_list_stamp SET writes = writes + 1 WHERE id = 1;
END;
