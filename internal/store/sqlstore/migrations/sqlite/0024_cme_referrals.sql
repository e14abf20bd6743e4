-- 0024 (SQLite): referrals of children missing education, sent through the
-- council's public form.
--
-- Each referral is a versioned record: every version is a row of
-- record_versions (kind 'cme_referral') holding what the referrer typed
-- and what the CME officer has done with it, as JSON, with who changed it,
-- when and why (the first version by no user: the public sent it). Its row
-- here names its current version with the columns the officers' queue is
-- listed by: its status ('new', 'matched', 'closed'), when it was received,
-- and the person it was matched to (NULL until it is). reference is the
-- random reference the referrer was given; recorded_at, recorded_by and
-- reason stay the first version's. A referral is never deleted.

CREATE TABLE cme_referrals (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL,
    reference   TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL,
    received_at DATETIME NOT NULL,
    person_id   INTEGER REFERENCES people (id),
    recorded_at DATETIME NOT NULL,
    recorded_by INTEGER REFERENCES users (id),
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cme_referrals_queue ON cme_referrals (status, received_at, id);

CREATE TRIGGER cme_referrals_never_deleted BEFORE DELETE ON cme_referrals
BEGIN
    SELECT RAISE(ABORT, 'CME referrals are never deleted');
END;
