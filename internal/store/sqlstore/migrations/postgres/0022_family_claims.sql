-- 0022 (PostgreSQL): Supporting Families' payment-by-results claims. See
-- the SQLite migration of the same number.

CREATE TABLE family_claims (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version       INTEGER NOT NULL,
    person_id     BIGINT NOT NULL REFERENCES people (id),
    family        TEXT NOT NULL,
    window_closes TEXT NOT NULL,
    status        TEXT NOT NULL
);
CREATE INDEX family_claims_person ON family_claims (person_id, id);
CREATE INDEX family_claims_window ON family_claims (window_closes, person_id);
-- A family is claimed for once in a window: a second claim of the same
-- reference and window is refused, whichever child it is made for (a
-- rejected claim leaves the window free).
CREATE UNIQUE INDEX family_claims_family_window ON family_claims (family, window_closes) WHERE status <> 'rejected';

CREATE TRIGGER family_claims_never_deleted BEFORE DELETE ON family_claims
    FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change();
CREATE TRIGGER family_claims_never_truncated BEFORE TRUNCATE ON family_claims
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_refuse_change();
