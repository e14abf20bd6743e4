-- 0013 (PostgreSQL): the transformation programme. See the SQLite
-- migration of the same number.

CREATE TABLE programmes (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version INTEGER NOT NULL,
    name    TEXT NOT NULL
);

CREATE TABLE programme_outcomes (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version      INTEGER NOT NULL,
    programme_id BIGINT NOT NULL REFERENCES programmes (id),
    number       INTEGER NOT NULL,
    UNIQUE (programme_id, number)
);

CREATE TABLE projects (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version      INTEGER NOT NULL,
    programme_id BIGINT NOT NULL REFERENCES programmes (id),
    name         TEXT NOT NULL,
    owner_id     BIGINT REFERENCES users (id),
    gateway      TEXT NOT NULL
);
CREATE INDEX projects_programme ON projects (programme_id, id);
CREATE INDEX projects_owner ON projects (owner_id);

CREATE TABLE project_reports (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version    INTEGER NOT NULL,
    project_id BIGINT NOT NULL REFERENCES projects (id),
    month      TEXT NOT NULL,
    UNIQUE (project_id, month)
);

CREATE TABLE register_entries (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version      INTEGER NOT NULL,
    programme_id BIGINT NOT NULL REFERENCES programmes (id),
    project_id   BIGINT REFERENCES projects (id),
    type         TEXT NOT NULL,
    status       TEXT NOT NULL
);
CREATE INDEX register_entries_programme ON register_entries (programme_id, id);

CREATE TRIGGER programmes_never_deleted BEFORE DELETE ON programmes
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER programmes_never_truncated BEFORE TRUNCATE ON programmes
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER programme_outcomes_never_deleted BEFORE DELETE ON programme_outcomes
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER programme_outcomes_never_truncated BEFORE TRUNCATE ON programme_outcomes
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER projects_never_deleted BEFORE DELETE ON projects
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER projects_never_truncated BEFORE TRUNCATE ON projects
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER project_reports_never_deleted BEFORE DELETE ON project_reports
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER project_reports_never_truncated BEFORE TRUNCATE ON project_reports
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER register_entries_never_deleted BEFORE DELETE ON register_entries
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER register_entries_never_truncated BEFORE TRUNCATE ON register_entries
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
