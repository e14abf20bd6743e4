package sqlstore

import (
	"context"
	"fmt"
	"time"

	"hearth/internal/access"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Referrals of children missing education. Each is a versioned record of
// kind 'cme_referral' with a row in cme_referrals holding the columns the
// CME officers' queue is listed by; its versions' bodies hold what the
// referrer typed and what the officer did. The team that sees them is a
// setting, as the briefing's hub is.

// cmeReferralKind is the referral to the versioning mechanism. Until it is
// matched a referral is about no person, so the lines of its writes name
// none; once matched, they name the child.
var cmeReferralKind = newKind(&recordKind[education.CMEReferral]{
	kind:    store.KindCMEReferral,
	noun:    "CME referral",
	table:   "cme_referrals",
	refers:  "a person or a user",
	key:     func(r education.CMEReferral) (int64, int) { return int64(r.ID), r.Version },
	setKey:  func(r *education.CMEReferral, id int64, v int) { r.ID, r.Version = education.CMEReferralID(id), v },
	insert:  insertCMEReferral,
	replace: replaceCMEReferral,
	unique:  conflictOn("reference", "A referral with this reference already exists"),
	person:  func(r education.CMEReferral) people.ID { return r.PersonID },
})

// insertCMEReferral writes a new referral's current row. recorded_at,
// recorded_by and reason stay the first version's.
func insertCMEReferral(ctx context.Context, t *txn, r education.CMEReferral, c store.Change) error {
	_, err := t.tx.ExecContext(ctx, "INSERT INTO cme_referrals (id, version, reference, status, received_at, person_id, recorded_at, recorded_by, reason)"+t.db.d.overriding+
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		int64(r.ID), r.Version, r.Reference, r.Status, moment(r.Received), nullID(r.PersonID), c.At, nullID(c.By), c.Reason)
	return err
}

// replaceCMEReferral moves a referral's row to its new version. The
// reference and the time received never change.
func replaceCMEReferral(ctx context.Context, t *txn, r education.CMEReferral, _ store.Change) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE cme_referrals SET version = $2, status = $3, person_id = $4 WHERE id = $1",
		int64(r.ID), r.Version, r.Status, nullID(r.PersonID))
	return err
}

// CreateCMEReferral writes a new referral as version 1.
func (db *DB) CreateCMEReferral(ctx context.Context, r education.CMEReferral, c store.Change) (education.CMEReferral, error) {
	return inTx(ctx, db, func(t *txn) (education.CMEReferral, error) { return create(ctx, t, cmeReferralKind, r, c) })
}

// UpdateCMEReferral writes version r.Version+1 if r.Version is still the
// latest.
func (db *DB) UpdateCMEReferral(ctx context.Context, r education.CMEReferral, c store.Change) (education.CMEReferral, error) {
	return inTx(ctx, db, func(t *txn) (education.CMEReferral, error) { return update(ctx, t, cmeReferralKind, r, c) })
}

// CMEReferral returns a referral as it stands.
func (db *DB) CMEReferral(ctx context.Context, id education.CMEReferralID) (education.CMEReferral, error) {
	return read(ctx, db, cmeReferralKind, int64(id), time.Time{})
}

var qCMEReferralHistory = historyQuery("SELECT id FROM cme_referrals WHERE id = $2")

// CMEReferralHistory returns every version of a referral, oldest first.
func (db *DB) CMEReferralHistory(ctx context.Context, id education.CMEReferralID) ([]store.Version[education.CMEReferral], error) {
	vs, err := history(ctx, db, cmeReferralKind, qCMEReferralHistory, int64(id))
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, notFound("CME referral", int64(id))
	}
	return vs, nil
}

// qOpenCMEReferrals lists the queue from cme_referrals_queue: the new and
// matched referrals, oldest first.
const qOpenCMEReferrals = `SELECT c.id, c.version, v.body FROM cme_referrals c
	JOIN record_versions v ON v.kind = $1 AND v.record_id = c.id AND v.version = c.version
	WHERE c.status IN ($2, $3)
	ORDER BY c.received_at, c.id`

// OpenCMEReferrals returns the referrals not yet closed, oldest first.
func (db *DB) OpenCMEReferrals(ctx context.Context) ([]education.CMEReferral, error) {
	rows, err := db.read(ctx, qOpenCMEReferrals, string(store.KindCMEReferral), education.ReferralNew, education.ReferralMatched)
	if err != nil {
		return nil, fmt.Errorf("store: reading the CME referrals: %w", err)
	}
	out, err := decodeRows(cmeReferralKind, rows)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []education.CMEReferral{}
	}
	return out, nil
}

// cmeTeamName is the name of the CME team setting in settings; its body is
// the hub's shape, an object naming the team.
const cmeTeamName = "cme_team"

// cmeTeamKind is the setting's kind: its own, though its body is the
// hub's, so that its prepared queries are its own.
var cmeTeamKind = settingKind[hubSetting]()

// CMETeam returns the team named as the CME team and its version, or 0 and
// version 0 if none has been named.
func (db *DB) CMETeam(ctx context.Context) (access.TeamID, int, error) {
	s, v, err := readSetting(ctx, db, cmeTeamKind, cmeTeamName)
	return s.Team, v, err
}

// SetCMETeam names the CME team as the version after version, if that is
// still the latest.
func (db *DB) SetCMETeam(ctx context.Context, team access.TeamID, version int, c store.Change) (int, error) {
	return writeSetting(ctx, db, cmeTeamKind, cmeTeamName, hubSetting{Team: team}, version, c, nil)
}

// CMETeamHistory returns every version of the CME team setting, oldest
// first.
func (db *DB) CMETeamHistory(ctx context.Context) ([]store.Version[access.TeamID], error) {
	vs, err := settingHistory(ctx, db, cmeTeamKind, cmeTeamName)
	if err != nil {
		return nil, err
	}
	out := make([]store.Version[access.TeamID], len(vs))
	for i, v := range vs {
		out[i] = store.Version[access.TeamID]{Version: v.Version, RecordedAt: v.RecordedAt, By: v.By, ByName: v.ByName, Reason: v.Reason, Record: v.Record.Team}
	}
	return out, nil
}
