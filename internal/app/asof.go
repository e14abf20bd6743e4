package app

import (
	"strings"
	"time"

	"hearth/internal/errs"
)

// A record can be read as it stood at a past moment (as_of). The zero time
// means "now" inside Hearth, and 0001-01-01T00:00:00Z parses to exactly the
// zero time, so a moment that early must be refused rather than quietly read
// as now. No record is older than 1900; a moment in the future is refused too,
// with a small allowance for a client whose clock runs a little fast.
var earliestAsOf = time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)

const asOfAllowance = 5 * time.Minute

// ParseAsOf reads an as_of value given by a page or an API request: empty is
// now (the zero time); otherwise an RFC 3339 date and time from 1900 up to
// now. A bad value is an Invalid error on the field as_of, whose message also
// names the field, for the pages that show only the message.
func (a *App) ParseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil && strings.Contains(s, " ") {
		// An unencoded "+" in a query string arrives as a space.
		t, err = time.Parse(time.RFC3339, strings.ReplaceAll(s, " ", "+"))
	}
	switch {
	case err != nil:
		return time.Time{}, asOfError("Enter a date and time in RFC 3339 form, such as 2025-03-31T17:00:00Z")
	case t.Before(earliestAsOf):
		return time.Time{}, asOfError("Enter a date and time from 1900 onwards")
	case t.After(a.Now().Add(asOfAllowance)):
		return time.Time{}, asOfError("Enter a date and time that is not in the future")
	}
	return t, nil
}

func asOfError(msg string) error {
	return &errs.Error{
		Code:    errs.Invalid,
		Message: "The moment to show the record at (as_of) is not valid. " + msg,
		Fields:  []errs.Field{{Field: "as_of", Message: msg}},
	}
}
