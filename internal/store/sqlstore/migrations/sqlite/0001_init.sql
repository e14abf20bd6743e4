-- 0001 (SQLite): the first schema. The PostgreSQL migration of the same
-- number creates the same tables with the same columns.
--
-- People and relationships are versioned: every version, the current one
-- included, is a row of record_versions holding the record as JSON. The
-- tables people and relationships hold, for each record, its current version
-- number and the columns that searches and joins need. The key tables
-- (person_name_keys, person_identifiers, person_postcodes) are derived from
-- the current version and rebuilt when it changes. Triggers refuse to delete
-- people, relationships, versions or access log lines, and to change a
-- version or a log line once written.

CREATE TABLE services (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    service_id INTEGER REFERENCES services (id),
    UNIQUE (service_id, name)
);

-- username is stored in lower case, so UNIQUE makes it unique without case.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    team_id       INTEGER REFERENCES teams (id),
    disabled      BOOLEAN NOT NULL DEFAULT 0,
    created_at    DATETIME NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    failed_count  INTEGER NOT NULL DEFAULT 0,
    locked_until  DATETIME
);
CREATE INDEX users_team ON users (team_id);

CREATE TABLE user_roles (
    user_id  INTEGER NOT NULL REFERENCES users (id),
    role     TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    csrf       TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    last_seen  DATETIME NOT NULL,
    remote     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_at DATETIME NOT NULL,
    last_used  DATETIME,
    revoked    BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Every version of every versioned record, as JSON (encoding/json of
-- people.Person or people.Relationship). kind is 'person' or 'relationship';
-- recorded_by is NULL for a change made by no user (an import).
CREATE TABLE record_versions (
    kind        TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    recorded_at DATETIME NOT NULL,
    recorded_by INTEGER REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    PRIMARY KEY (kind, record_id, version)
);

-- The current version of each person, whose record is the row of
-- record_versions with that version. family_key and given_key are the name's
-- search keys joined by spaces: results are ordered by them, so that both
-- databases order names the same way, ignoring case and accents. postcode is
-- the current address's.
CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL,
    given_name    TEXT NOT NULL,
    family_name   TEXT NOT NULL,
    given_key     TEXT NOT NULL,
    family_key    TEXT NOT NULL,
    date_of_birth TEXT,
    restricted    BOOLEAN NOT NULL DEFAULT 0,
    postcode      TEXT NOT NULL DEFAULT '',
    updated_at    DATETIME NOT NULL
);
CREATE INDEX people_name ON people (family_key, given_key, id);
CREATE INDEX people_date_of_birth ON people (date_of_birth);

-- One row per distinct name key (people.NameTokens of the given, family and
-- other names) of each person's current version, with the person's
-- family_key and given_key, so that a search can sort the people a key
-- matches without reading them.
CREATE TABLE person_name_keys (
    key        TEXT NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    given_key  TEXT NOT NULL,
    family_key TEXT NOT NULL,
    PRIMARY KEY (key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_name_keys_person ON person_name_keys (person_id, key);

-- Identifiers of each person's current version, without spaces and in upper
-- case. kind is 'la_child_id', 'nhs_number', 'upn' or 'former_upn'; all but
-- a former UPN belong to one person only.
CREATE TABLE person_identifiers (
    person_id INTEGER NOT NULL REFERENCES people (id),
    kind      TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
) WITHOUT ROWID;
CREATE UNIQUE INDEX person_identifiers_unique ON person_identifiers (kind, value) WHERE kind <> 'former_upn';
CREATE INDEX person_identifiers_value ON person_identifiers (value);

-- Every postcode, current or past, of each person's current version, in the
-- standard form ("WV1 1BB").
CREATE TABLE person_postcodes (
    postcode  TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (postcode, person_id)
) WITHOUT ROWID;
CREATE INDEX person_postcodes_person ON person_postcodes (person_id, postcode);

-- The current version of each relationship (the record is in
-- record_versions). from_id and to_id never change.
CREATE TABLE relationships (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL,
    from_id    INTEGER NOT NULL REFERENCES people (id),
    to_id      INTEGER NOT NULL REFERENCES people (id),
    type       TEXT NOT NULL,
    start_date TEXT,
    end_date   TEXT,
    updated_at DATETIME NOT NULL
);
CREATE INDEX relationships_from ON relationships (from_id);
CREATE INDEX relationships_to ON relationships (to_id);

CREATE TABLE involvements (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    kind        TEXT NOT NULL,
    team_id     INTEGER REFERENCES teams (id),
    worker_id   INTEGER REFERENCES users (id),
    start_date  TEXT,
    end_date    TEXT,
    recorded_at DATETIME NOT NULL,
    recorded_by INTEGER REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX involvements_person ON involvements (person_id);
CREATE INDEX involvements_team ON involvements (team_id);
CREATE INDEX involvements_worker ON involvements (worker_id);

CREATE TABLE grants (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    reason      TEXT NOT NULL,
    granted_by  INTEGER REFERENCES users (id),
    valid_from  DATETIME NOT NULL,
    valid_until DATETIME,
    created_at  DATETIME NOT NULL
);
CREATE INDEX grants_person ON grants (person_id);
CREATE INDEX grants_user ON grants (user_id);

-- The access log has no foreign keys: a line must be written even for a
-- refused look-up of a record or user that does not exist.
CREATE TABLE access_log (
    id        INTEGER PRIMARY KEY,
    at        DATETIME NOT NULL,
    user_id   INTEGER,
    username  TEXT NOT NULL DEFAULT '',
    person_id INTEGER,
    action    TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    remote    TEXT NOT NULL DEFAULT '',
    route     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_log_person ON access_log (person_id, at);
CREATE INDEX access_log_user ON access_log (user_id, at);
CREATE INDEX access_log_at ON access_log (at);

CREATE TRIGGER people_never_deleted BEFORE DELETE ON people
BEGIN
    SELECT RAISE(ABORT, 'people are never deleted');
END;

CREATE TRIGGER relationships_never_deleted BEFORE DELETE ON relationships
BEGIN
    SELECT RAISE(ABORT, 'relationships are never deleted');
END;

CREATE TRIGGER record_versions_never_deleted BEFORE DELETE ON record_versions
BEGIN
    SELECT RAISE(ABORT, 'record versions are never deleted');
END;

CREATE TRIGGER record_versions_never_changed BEFORE UPDATE ON record_versions
BEGIN
    SELECT RAISE(ABORT, 'record versions are never changed');
END;

CREATE TRIGGER access_log_never_deleted BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is never deleted');
END;

CREATE TRIGGER access_log_never_changed BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is never changed');
END;
