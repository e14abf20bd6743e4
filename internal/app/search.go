package app

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The limit on searches of the register, per user: enough for a morning's
// real work at once, then one every two seconds. Searching a name with each
// date of birth of a year, or each postcode district, takes hundreds of
// searches; at this rate that is slow and plain to see in the access log.
const (
	SearchBurst = 30
	SearchEvery = 2 * time.Second
)

// errTooManySearches refuses a search over the limit.
var errTooManySearches = errs.E(errs.TooMany, "You have searched a lot in a short time, so searching is paused for a few seconds. Wait a moment, then try again")

// allowSearch takes one search from the actor's allowance. A refusal is
// logged, with what was asked, since a run of them is what someone trying
// every date of birth of a year looks like.
func (a *App) allowSearch(ctx context.Context, ac Actor, action store.AccessAction, terms string) error {
	wait, err := a.take(ctx, a.Searches, "search", strconv.FormatInt(int64(ac.UserID()), 10), a.Now())
	if err != nil {
		return err
	}
	if wait == 0 {
		return nil
	}
	if err := a.logSearch(ctx, ac, store.LogDenied, string(action)+": too many searches", terms); err != nil {
		return err
	}
	return errTooManySearches
}

// logSearch writes the access-log line of a search or a duplicate check:
// the action, the reason it was allowed or refused, and what the user typed
// with what they were shown. What the user typed reaches the log only through
// here, into the line's note, apart from the reason.
func (a *App) logSearch(ctx context.Context, ac Actor, action store.AccessAction, reason, terms string) error {
	return a.logAccess(ctx, ac, store.AccessEntry{Action: action, Reason: reason, Note: terms})
}

// shown says what a search showed, for the access log.
func shown(n, hidden int) string {
	return "shown " + strconv.Itoa(n) + ", hidden count " + strconv.Itoa(hidden)
}

// maxTermLen bounds each term written to the access log, in characters;
// maxTermsLen all the terms of one line, in bytes, leaving room in the
// line's note (store.MaxNote) for what was shown.
const (
	maxTermLen  = 100
	maxTermsLen = 1500
)

// describe writes field/value pairs as field="value" for the access log,
// leaving out empty values. Values are quoted, so that what was typed cannot
// pass for another field, and cut short; terms past maxTermsLen are left out
// and marked so with "...".
func describe(pairs ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		v := pairs[i+1]
		if v == "" {
			continue
		}
		if utf8.RuneCountInString(v) > maxTermLen {
			v = string([]rune(v)[:maxTermLen]) + "..."
		}
		term := pairs[i] + "=" + strconv.Quote(v)
		if b.Len()+1+len(term) > maxTermsLen {
			b.WriteString(" ...")
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(term)
	}
	return b.String()
}

func searchTerms(q store.PersonQuery) string {
	return describe("name", q.Name, "date_of_birth", q.DateOfBirth.String(), "postcode", q.Postcode, "identifier", q.Identifier)
}

// checkTerms is what a duplicate check searches by: what identifies the
// person, their other names included (people.Validate allows at most ten).
// A create's line carries the same, so that what a failed create tried
// (an NHS number another record holds) is in the log.
func checkTerms(p people.Person) string {
	i := p.Identifiers
	pairs := []string{"given_name", p.GivenName, "family_name", p.FamilyName,
		"date_of_birth", p.DateOfBirth.String(), "expected_date_of_birth", p.ExpectedDateOfBirth.String(),
		"nhs_number", i.NHSNumber, "upn", i.UPN, "former_upn", i.FormerUPN, "la_child_id", i.LAChildID}
	for _, o := range p.OtherNames {
		pairs = append(pairs, "other_name", strings.TrimSpace(o.GivenName+" "+o.FamilyName))
	}
	return describe(pairs...)
}

// The sizes of a page of search results: the page's own when it asks for
// none, the most it may ask for, and the most people outside the user's
// relationships listed as needing a reason (see listsOutside).
const (
	defaultSearchLimit = 50
	maxSearchLimit     = 100
	outsideLimit       = 20
)

// checkSearch checks the terms of a search that are not free text: a page
// size from 1 to maxSearchLimit (0: the default), and a date of birth any
// person could have, from 1900 to today.
func checkSearch(f *errs.Fields, q store.PersonQuery, today civil.Date) {
	if q.Limit < 0 || q.Limit > maxSearchLimit {
		f.Add("limit", "Limit must be a whole number from 1 to %d", maxSearchLimit)
	}
	if d := q.DateOfBirth; !d.IsZero() && (!d.Valid() || d.Before(people.EarliestBirth) || today.Before(d)) {
		f.Add("date_of_birth", "Date of birth must be a real date from 1900 to today")
	}
}

// listsOutside reports whether a search may list people outside the user's
// relationships, as needing a reason to open: only a search by name that is
// specific enough to find one child, and never one by identifier. Listing
// them for any name ("a") would hand the register to anyone who pages
// through the alphabet, twenty people a search; and for an identifier, a
// number that is taken (the create refuses it) but listed nowhere would show
// that a restricted record holds it.
//
// Specific enough is a name of two different words of three letters or more
// (a given and a family name, "Sam Khan"), or one such word with a date of
// birth or a full postcode. The store matches each word as the start of a
// name, so shorter words, or a word repeated ("Smith Smith") or the start of
// the other ("Smith Smi"), are as wide as a single one: pairs of two letters
// ("Ja Sm") page through the register a few hundred names at a time.
func listsOutside(q store.PersonQuery) bool {
	if q.Identifier != "" {
		return false
	}
	var words []string
	for _, w := range people.NameTokens(q.Name) {
		if utf8.RuneCountInString(w) >= 3 {
			words = append(words, w)
		}
	}
	if len(words) > 0 && (!q.DateOfBirth.IsZero() || people.ValidPostcode(q.Postcode)) {
		return true
	}
	for i, w := range words {
		for _, v := range words[i+1:] {
			if !strings.HasPrefix(w, v) && !strings.HasPrefix(v, w) {
				return true
			}
		}
	}
	return false
}

// OutsidePerDay is how many people outside their relationships one user may
// be listed in a day (see drawOutside): plenty for the children a day's work
// could need opened with a reason, and a bound on what specific searches,
// however many, can harvest of the register.
const OutsidePerDay = 100

// newOutsideLimiter is the daily allowance of OutsidePerDay listed people per
// user, refilling steadily over the day.
func newOutsideLimiter() *access.Limiter {
	return access.NewLimiter(OutsidePerDay/(24*time.Hour).Seconds(), OutsidePerDay)
}

// drawOutside takes one listed person from the actor's daily allowance,
// reporting false when it is spent (the search then lists nobody more, and
// says so). A nil Outside sets no limit.
func (a *App) drawOutside(ctx context.Context, ac Actor, now time.Time) (bool, error) {
	wait, err := a.take(ctx, a.Outside, "outside", strconv.FormatInt(int64(ac.UserID()), 10), now)
	return wait == 0, err
}

// nameOnly reports whether a search is by name and nothing else: only then
// is the count of matches the user may not open shown. With a date of birth,
// a postcode or an identifier as well, the count would confirm a hidden
// child's details one guess at a time.
func nameOnly(q store.PersonQuery) bool {
	return q.Name != "" && q.DateOfBirth.IsZero() && q.Postcode == "" && q.Identifier == ""
}

// possibleDuplicates finds the records that p, a new record, may duplicate:
// those the actor may open, listed with why, and a count of the others. The
// count leaves out restricted records, and records that match only by an
// identifier. A restricted record's holding an NHS number must look exactly
// like any other record's the actor may not open (the store refuses the
// number on save either way, with one message that never says whose); since
// a restricted one is never counted, no other is.
func (a *App) possibleDuplicates(ctx context.Context, ac Actor, p people.Person) ([]Duplicate, int, error) {
	cands, err := a.Store.PossibleDuplicates(ctx, p)
	if err != nil {
		return nil, 0, err
	}
	type match struct {
		p   people.Person
		why string
	}
	var matches []match
	var ids []people.ID
	for _, c := range cands {
		if ok, why := people.PossibleDuplicate(p, c); ok {
			matches = append(matches, match{c, why})
			ids = append(ids, c.ID)
		}
	}
	if len(matches) == 0 {
		return nil, 0, nil
	}
	now := a.Now()
	subjects, err := a.Store.Subjects(ctx, ids, now)
	if err != nil {
		return nil, 0, err
	}
	var dups []Duplicate
	hidden := 0
	for _, m := range matches {
		s, ok := subjects[m.p.ID]
		switch {
		case ok && access.Authorize(ac.Principal, access.ReadPerson, &s, now).Allowed:
			dups = append(dups, Duplicate{Summary: summaryOf(m.p), Reason: m.why})
		case !ok || s.Restricted || m.p.Restricted:
			// Never counted, never hinted at.
		default:
			if byName, _ := people.PossibleDuplicate(withoutIdentifiers(p), withoutIdentifiers(m.p)); byName {
				hidden++
			}
		}
	}
	return dups, hidden, nil
}

func withoutIdentifiers(p people.Person) people.Person {
	p.Identifiers = people.Identifiers{}
	return p
}

// identifierTaken gives the store's refusal of an identifier another record
// holds one wording, whoever holds it: a record the user may open, one they
// may not, or a restricted one. It names the field and never the holder, so
// that the answer (its code, message, fields and status) is the same for a
// restricted holder as for any other.
func identifierTaken(err error) error {
	e := errs.As(err)
	if e == nil || e.Code != errs.Conflict || len(e.Fields) == 0 {
		return err
	}
	out := &errs.Error{Code: errs.Conflict, Err: e.Err}
	for _, f := range e.Fields {
		label, ok := identifierLabels[f.Field]
		if !ok {
			return err // not an identifier: some other conflict
		}
		msg := "Another record already has " + label + ". Check it is right; if it is, this person may already have a record, so ask your manager before going on"
		if out.Message == "" {
			out.Message = msg
		}
		out.Fields = append(out.Fields, errs.Field{Field: f.Field, Message: msg})
	}
	return out
}

// identifierLabels names the unique identifiers by the fields the store's
// refusal names.
var identifierLabels = map[string]string{
	"identifiers.nhs_number":  "this NHS number",
	"identifiers.upn":         "this UPN",
	"identifiers.la_child_id": "this LA child ID",
	"identifiers":             "one of these identifiers",
}
