package app

import (
	"context"
	"time"

	"hearth/internal/access"
	"hearth/internal/store"
)

// AuthorizeList lets the tests compare a work list's decisions with
// access.Authorize's on each child's whole Subject.
func AuthorizeList(a *App, ctx context.Context, p access.Principal, kids []store.WorkChild, now time.Time) ([]access.Decision, error) {
	d, _, err := a.authorizeList(ctx, p, kids, nil, now)
	return d, err
}
