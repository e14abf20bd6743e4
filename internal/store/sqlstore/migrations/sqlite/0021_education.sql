-- 0021 (SQLite): the education half of a child's record, and the register
-- of schools.
--
-- Each education record (a roll at a school, SEN support, an EHC needs
-- assessment request, an EHC plan, a suspension or exclusion, a CME
-- enquiry, home education, an ISAPP referral) is a versioned record: every
-- version is a row of record_versions (kind 'education') holding the record
-- as JSON, and its row here is the current version, with the columns the
-- child's page and the summaries look records up by. Its own table, not
-- the journey's, because who may read it differs (education officers read
-- it, never the journey; social care reads only its summary) and its
-- clocks run in school days. A record's person and kind never change;
-- recorded_at, recorded_by and reason stay the first version's. Like the
-- other versioned records, it is never deleted.
--
-- involvement_id names the education involvement the record gives its team
-- while open (education.Involvement), which the record's later versions
-- keep in step; NULL for a record that gives none.
--
-- body is the current version's record as JSON, the same text as its row of
-- record_versions, so that a child's records are read from one table.

CREATE TABLE education_records (
    id             INTEGER PRIMARY KEY,
    version        INTEGER NOT NULL,
    person_id      INTEGER NOT NULL REFERENCES people (id),
    kind           TEXT NOT NULL,
    start_date     TEXT,
    end_date       TEXT,
    team_id        INTEGER REFERENCES teams (id),
    worker_id      INTEGER REFERENCES users (id),
    involvement_id INTEGER REFERENCES involvements (id),
    recorded_at    DATETIME NOT NULL,
    recorded_by    INTEGER REFERENCES users (id),
    reason         TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL
);
-- The child's page: every education record of one child.
CREATE INDEX education_records_person ON education_records (person_id);
-- Counts across the council (plans maintained, open enquiries): by kind,
-- open ones found by their end.
CREATE INDEX education_records_kind ON education_records (kind, end_date);

CREATE TRIGGER education_records_never_deleted BEFORE DELETE ON education_records
BEGIN
    SELECT RAISE(ABORT, 'education records are never deleted');
END;

-- The register of schools, as the DfE's Get Information about Schools
-- publishes it. It is the DfE's record, not the council's: an import
-- replaces each school's row with the file's (its versions are the DfE's
-- to keep), so the table holds no history. The columns are what lists and
-- filters use; body is the whole education.School as JSON. A school is
-- never deleted: a closed school stays, with its closing date, because
-- children's past rolls name it.
CREATE TABLE schools (
    urn         TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    phase       TEXT NOT NULL DEFAULT '',
    type        TEXT NOT NULL DEFAULT '',
    la_code     TEXT NOT NULL DEFAULT '',
    opened      TEXT,
    closed      TEXT,
    body        TEXT NOT NULL,
    imported_at DATETIME NOT NULL
);

CREATE TRIGGER schools_never_deleted BEFORE DELETE ON schools
BEGIN
    SELECT RAISE(ABORT, 'schools are never deleted');
END;

-- Attendance arrives in bulk (a term for every pupil), so it is a table of
-- its own rather than versioned records: one row per pupil, school and
-- period, with the sessions by national register code (JSON) and their
-- totals. A later import of the same pupil, school and period replaces the
-- row; each import is a row of attendance_imports (who, when, how many
-- rows), which the rows name, so what an import brought stays known.
CREATE TABLE attendance_imports (
    id          INTEGER PRIMARY KEY,
    imported_at DATETIME NOT NULL,
    imported_by INTEGER REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT '',
    rows        INTEGER NOT NULL
);

CREATE TABLE attendance (
    person_id    INTEGER NOT NULL REFERENCES people (id),
    urn          TEXT NOT NULL,
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    sessions     TEXT NOT NULL,
    possible     INTEGER NOT NULL,
    attended     INTEGER NOT NULL,
    authorised   INTEGER NOT NULL,
    unauthorised INTEGER NOT NULL,
    import_id    INTEGER NOT NULL REFERENCES attendance_imports (id),
    PRIMARY KEY (person_id, urn, period_from, period_to)
);
