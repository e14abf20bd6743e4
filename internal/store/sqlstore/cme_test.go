package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/education"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// The table of CME referrals refuses a delete on both databases, as every
// versioned record's does, so a referral from the public can only be
// closed, with a reason.

func TestSQLiteCMEReferralsNeverDeleted(t *testing.T) {
	db, _ := openSQLite(t)
	referralsNeverDeleted(t, db)
}

func TestPostgresCMEReferralsNeverDeleted(t *testing.T) {
	postgresAdmin(t)
	referralsNeverDeleted(t, openPostgres(t))
}

func referralsNeverDeleted(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	if _, err := db.CreateCMEReferral(ctx, education.CMEReferral{Reference: "CME-KEEP0001", Concern: "kept", Status: education.ReferralNew, Received: time.Now()}, store.Change{Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	w, _ := db.Pools()
	if _, err := w.ExecContext(ctx, "DELETE FROM cme_referrals"); err == nil {
		t.Errorf("a referral was deleted")
	}
	rs, err := db.OpenCMEReferrals(ctx)
	if err != nil || len(rs) != 1 {
		t.Errorf("%d referrals after the delete, %v", len(rs), err)
	}
}
