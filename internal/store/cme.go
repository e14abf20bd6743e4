package store

import (
	"context"

	"hearth/internal/access"
	"hearth/internal/education"
)

// KindCMEReferral is a referral of a child who may be missing education,
// sent through the council's public form (education.CMEReferral): a record
// about no person until a CME officer matches it to one.
const KindCMEReferral Kind = "cme_referral"

// CMEReferrals keeps the referrals sent through the public form and the
// setting that names the council's CME team, the only team that sees
// them. Each referral is a versioned record; it is matched and closed by
// new versions, and nothing is deleted.
type CMEReferrals interface {
	// CreateCMEReferral fills in ID and Version (1); UpdateCMEReferral
	// writes version r.Version+1 only if r.Version is still the latest,
	// otherwise errs.Conflict. Neither validates: the use case does. A
	// reference already taken is errs.Conflict.
	CreateCMEReferral(ctx context.Context, r education.CMEReferral, c Change) (education.CMEReferral, error)
	UpdateCMEReferral(ctx context.Context, r education.CMEReferral, c Change) (education.CMEReferral, error)
	// CMEReferral returns a referral as it stands (errs.NotFound if there
	// is none); CMEReferralHistory every version of it, oldest first.
	CMEReferral(ctx context.Context, id education.CMEReferralID) (education.CMEReferral, error)
	CMEReferralHistory(ctx context.Context, id education.CMEReferralID) ([]Version[education.CMEReferral], error)
	// OpenCMEReferrals returns the referrals not yet closed (new and
	// matched), oldest received first.
	OpenCMEReferrals(ctx context.Context) ([]education.CMEReferral, error)

	// CMETeam returns the team named as the CME team and the setting's
	// version, or 0 and version 0 if none has been named. SetCMETeam names
	// it as version version+1 if version is still the latest (0: never
	// named), otherwise errs.Conflict. CMETeamHistory returns every version
	// of the setting, oldest first.
	CMETeam(ctx context.Context) (access.TeamID, int, error)
	SetCMETeam(ctx context.Context, team access.TeamID, version int, c Change) (int, error)
	CMETeamHistory(ctx context.Context) ([]Version[access.TeamID], error)
}
