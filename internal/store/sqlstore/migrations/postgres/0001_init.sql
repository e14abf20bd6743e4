-- 0001 (PostgreSQL): the first schema. The SQLite migration of the same number
-- creates the same tables with the same columns; see it for what each holds.
-- Columns that are searched by range or ordered for display use the "C"
-- collation, so that they compare and sort byte by byte as SQLite's do,
-- whatever the database's own collation.

CREATE TABLE services (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL UNIQUE
);

CREATE TABLE teams (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL,
    service_id BIGINT REFERENCES services (id),
    UNIQUE (service_id, name)
);

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT COLLATE "C" NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    team_id       BIGINT REFERENCES teams (id),
    disabled      BOOLEAN NOT NULL DEFAULT false,
    created_at    TIMESTAMPTZ NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    failed_count  INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ
);
CREATE INDEX users_team ON users (team_id);

CREATE TABLE user_roles (
    user_id  BIGINT NOT NULL REFERENCES users (id),
    role     TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    csrf       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen  TIMESTAMPTZ NOT NULL,
    remote     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    last_used  TIMESTAMPTZ,
    revoked    BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE record_versions (
    kind        TEXT NOT NULL,
    record_id   BIGINT NOT NULL,
    version     INTEGER NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by BIGINT REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT '',
    body        JSONB NOT NULL,
    PRIMARY KEY (kind, record_id, version)
);

CREATE TABLE people (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version       INTEGER NOT NULL,
    given_name    TEXT NOT NULL,
    family_name   TEXT NOT NULL,
    given_key     TEXT COLLATE "C" NOT NULL,
    family_key    TEXT COLLATE "C" NOT NULL,
    date_of_birth DATE,
    restricted    BOOLEAN NOT NULL DEFAULT false,
    postcode      TEXT COLLATE "C" NOT NULL DEFAULT '',
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX people_name ON people (family_key, given_key, id);
CREATE INDEX people_date_of_birth ON people (date_of_birth);

CREATE TABLE person_name_keys (
    key        TEXT COLLATE "C" NOT NULL,
    person_id  BIGINT NOT NULL REFERENCES people (id),
    given_key  TEXT COLLATE "C" NOT NULL,
    family_key TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (key, person_id) INCLUDE (given_key, family_key)
);
CREATE INDEX person_name_keys_person ON person_name_keys (person_id, key);

CREATE TABLE person_identifiers (
    person_id BIGINT NOT NULL REFERENCES people (id),
    kind      TEXT NOT NULL,
    value     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (person_id, kind)
);
CREATE UNIQUE INDEX person_identifiers_unique ON person_identifiers (kind, value) WHERE kind <> 'former_upn';
CREATE INDEX person_identifiers_value ON person_identifiers (value);

CREATE TABLE person_postcodes (
    postcode  TEXT COLLATE "C" NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people (id),
    PRIMARY KEY (postcode, person_id)
);
CREATE INDEX person_postcodes_person ON person_postcodes (person_id, postcode);

CREATE TABLE relationships (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version    INTEGER NOT NULL,
    from_id    BIGINT NOT NULL REFERENCES people (id),
    to_id      BIGINT NOT NULL REFERENCES people (id),
    type       TEXT NOT NULL,
    start_date DATE,
    end_date   DATE,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX relationships_from ON relationships (from_id);
CREATE INDEX relationships_to ON relationships (to_id);

CREATE TABLE involvements (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id   BIGINT NOT NULL REFERENCES people (id),
    kind        TEXT NOT NULL,
    team_id     BIGINT REFERENCES teams (id),
    worker_id   BIGINT REFERENCES users (id),
    start_date  DATE,
    end_date    DATE,
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by BIGINT REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX involvements_person ON involvements (person_id);
CREATE INDEX involvements_team ON involvements (team_id);
CREATE INDEX involvements_worker ON involvements (worker_id);

CREATE TABLE grants (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id   BIGINT NOT NULL REFERENCES people (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    reason      TEXT NOT NULL,
    granted_by  BIGINT REFERENCES users (id),
    valid_from  TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX grants_person ON grants (person_id);
CREATE INDEX grants_user ON grants (user_id);

CREATE TABLE access_log (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
    user_id   BIGINT,
    username  TEXT NOT NULL DEFAULT '',
    person_id BIGINT,
    action    TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    remote    TEXT NOT NULL DEFAULT '',
    route     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_log_person ON access_log (person_id, at);
CREATE INDEX access_log_user ON access_log (user_id, at);
CREATE INDEX access_log_at ON access_log (at);

-- Refuses a delete or an update of rows that are kept for ever.
CREATE FUNCTION hearth_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are never %d', TG_TABLE_NAME,
        CASE TG_OP WHEN 'UPDATE' THEN 'change' WHEN 'TRUNCATE' THEN 'truncate' ELSE 'delete' END;
END;
$$;

CREATE TRIGGER people_never_deleted BEFORE DELETE ON people
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER people_never_truncated BEFORE TRUNCATE ON people
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER relationships_never_deleted BEFORE DELETE ON relationships
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER relationships_never_truncated BEFORE TRUNCATE ON relationships
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER record_versions_never_deleted BEFORE DELETE ON record_versions
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER record_versions_never_changed BEFORE UPDATE ON record_versions
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER record_versions_never_truncated BEFORE TRUNCATE ON record_versions
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER access_log_never_deleted BEFORE DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER access_log_never_changed BEFORE UPDATE ON access_log
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER access_log_never_truncated BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
