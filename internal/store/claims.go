package store

import (
	"context"

	"hearth/internal/access"
	"hearth/internal/programme"
)

// KindClaim is a Supporting Families payment-by-results claim
// (programme.Claim). Unlike the programme's other records it is children's
// data: it is keyed to the family's main child, and every read of it takes
// a permit for that child (or, for a year's claims for the government, a
// bulk permit).
const KindClaim Kind = "family_claim"

// Claims keeps Supporting Families' claims. Each is versioned like every
// other record: a change writes a new version with who, when and why, an
// update names the version it started from (errs.Conflict if another has
// been written since), and nothing is deleted. The store checks only what
// the database must (the child exists; a claim's child never changes,
// errs.Invalid naming person); the claim's rules are programme's, called
// by the use case.
type Claims interface {
	// CreateClaim fills in ID and Version (1); UpdateClaim writes version
	// c.Version+1.
	CreateClaim(ctx context.Context, c programme.Claim, ch Change) (programme.Claim, error)
	UpdateClaim(ctx context.Context, c programme.Claim, ch Change) (programme.Claim, error)
	// Claims returns the permit's child's claims as they stand, by the day
	// their window closes, then id.
	Claims(ctx context.Context, p access.Permit) ([]programme.Claim, error)
	// ClaimHistory returns every version of one of the permit's child's
	// claims, oldest first; errs.NotFound if the child has no such claim.
	ClaimHistory(ctx context.Context, p access.Permit, id programme.ClaimID) ([]Version[programme.Claim], error)
	// Claimants returns the children with a claim whose window closes in
	// year y, each once, by id, as a search finds them: only who, never a
	// claim, so that the use case authorises each before it reads their
	// claims (ClaimsOf) and shows only those it may.
	Claimants(ctx context.Context, y programme.Year) ([]PersonSummary, error)
	// ClaimsOf returns the claims whose window closes in year y of the
	// permits' children (each permit must be valid), by the day the window
	// closes, then id.
	ClaimsOf(ctx context.Context, ps []access.Permit, y programme.Year) ([]programme.Claim, error)
	// YearClaims returns every claim whose window closes in year y, for the
	// year's progress and the government's claim: a bulk read, refused
	// without a BulkPermit. Same order as ClaimsOf.
	YearClaims(ctx context.Context, bp access.BulkPermit, y programme.Year) ([]programme.Claim, error)
}
