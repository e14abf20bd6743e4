-- 0022 (SQLite): Supporting Families' payment-by-results claims.
--
-- A claim is a versioned record: every version is a row of record_versions
-- (kind 'family_claim') holding the claim as JSON with who changed it, when
-- and why; the row here names the current version with the columns claims
-- are found by. A claim is about a family and is keyed to the family's main
-- child (person_id), through whom it is authorised and logged. The family
-- itself is not a table: it is the main child's early help episode (its
-- headline problems, lead practitioner and family hub; see DATA-MODEL.md).
--
-- window_closes (written 2023-03-31) places a claim in the financial year
-- whose progress it counts towards; the year's list is a range of it.

CREATE TABLE family_claims (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL,
    person_id     INTEGER NOT NULL REFERENCES people (id),
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
BEGIN
    SELECT RAISE(ABORT, 'claims are never deleted');
END;
