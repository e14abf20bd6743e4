-- 0013 (SQLite): the transformation programme.
--
-- Five kinds of versioned record, each with its own current table: the
-- programme, its outcomes, its projects, the projects' monthly reports, and
-- the registers of risks and issues. Every version is a row of
-- record_versions (kinds 'programme', 'programme_outcome', 'project',
-- 'project_report', 'register_entry') holding the record as JSON with who
-- changed it, when and why; the row here names the current version with the
-- columns the records are found by. None is ever deleted.

CREATE TABLE programmes (
    id      INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,
    name    TEXT NOT NULL
);

-- A programme has one outcome of each number.
CREATE TABLE programme_outcomes (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL,
    programme_id INTEGER NOT NULL REFERENCES programmes (id),
    number       INTEGER NOT NULL,
    UNIQUE (programme_id, number)
);

CREATE TABLE projects (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL,
    programme_id INTEGER NOT NULL REFERENCES programmes (id),
    name         TEXT NOT NULL,
    owner_id     INTEGER REFERENCES users (id),
    gateway      TEXT NOT NULL
);
CREATE INDEX projects_programme ON projects (programme_id, id);
CREATE INDEX projects_owner ON projects (owner_id);

-- One report a project a month; month is written 2021-03.
CREATE TABLE project_reports (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    month      TEXT NOT NULL,
    UNIQUE (project_id, month)
);

-- A risk or an issue, the programme's own (project_id NULL) or a project's.
CREATE TABLE register_entries (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL,
    programme_id INTEGER NOT NULL REFERENCES programmes (id),
    project_id   INTEGER REFERENCES projects (id),
    type         TEXT NOT NULL,
    status       TEXT NOT NULL
);
CREATE INDEX register_entries_programme ON register_entries (programme_id, id);

CREATE TRIGGER programmes_never_deleted BEFORE DELETE ON programmes
BEGIN
    SELECT RAISE(ABORT, 'programmes are never deleted');
END;
CREATE TRIGGER programme_outcomes_never_deleted BEFORE DELETE ON programme_outcomes
BEGIN
    SELECT RAISE(ABORT, 'programme outcomes are never deleted');
END;
CREATE TRIGGER projects_never_deleted BEFORE DELETE ON projects
BEGIN
    SELECT RAISE(ABORT, 'projects are never deleted');
END;
CREATE TRIGGER project_reports_never_deleted BEFORE DELETE ON project_reports
BEGIN
    SELECT RAISE(ABORT, 'project reports are never deleted');
END;
CREATE TRIGGER register_entries_never_deleted BEFORE DELETE ON register_entries
BEGIN
    SELECT RAISE(ABORT, 'risks and issues are never deleted');
END;
