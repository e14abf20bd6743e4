package app

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/indicators"
	"hearth/internal/journey"
	"hearth/internal/returns/cin"
	"hearth/internal/store"
)

// Statutory returns: the DfE's returns of a collection year, made from every
// child's records as they were recorded at a chosen moment ("as recorded on
// 15 May"), so that a return sent last year can be made again, byte for
// byte. A return is a bulk read of children's records (access.ExportReturns,
// analysts and administrators): each export is one line of the access log
// with the number of children in it.
//
// Each return is a ReturnKind in returnKinds: what it reads and how it turns
// what it read into files. Pages, API and command line know returns only
// through this list, so a second return (the SSDA903's folder of CSV files)
// is one more entry, and a validation report one more function of the kind
// over the same returnInput.

// ReturnKind is one statutory return Hearth makes.
type ReturnKind struct {
	Name  string // as the command line, the page and the API name it: "cin"
	Title string // as the pages show it
	// Kinds are the journey kinds the return reads: a record's kind never
	// changes, so the store reads only these (nil: every kind). SpanKinds
	// are those whose records open in the year place a child in the return
	// (nil: any of Kinds).
	Kinds, SpanKinds []journey.Kind
	// build makes the return's files from what was read, and says how
	// many children they hold.
	build func(in returnInput) ([]ReturnFile, int, error)
}

// returnInput is what a return is made from: the collection year, the
// moment its records are read as recorded at, the council's details as
// recorded then, and every child with a record open in the year.
type returnInput struct {
	year       int
	recordedAt time.Time
	council    store.Council
	children   []store.ReturnChild
}

// returnKinds lists every return, in the order the pages show them.
var returnKinds = []ReturnKind{
	{
		Name:  "cin",
		Title: "Children in need census",
		// The kinds cin.Build reads (its hasDetail); any other is ignored
		// by it, so reading it would only cost time.
		Kinds: []journey.Kind{journey.KindReferral, journey.KindAssessment, journey.KindStrategy, journey.KindS47,
			journey.KindICPC, journey.KindCINPlan, journey.KindCPPlan, journey.KindCPReview},
		// A child is in the census by an episode, a referral, open in the
		// year (or made in it with no further action).
		SpanKinds: []journey.Kind{journey.KindReferral},
		build:     buildCIN,
	},
}

// ReturnKinds lists the returns Hearth makes.
func ReturnKinds() []ReturnKind { return slices.Clone(returnKinds) }

// ReturnKindNamed finds a return by its name.
func ReturnKindNamed(name string) (ReturnKind, bool) {
	for _, k := range returnKinds {
		if k.Name == name {
			return k, true
		}
	}
	return ReturnKind{}, false
}

// SoftwareCode names Hearth in a return's header. The release is left out:
// a return reproduced by a later release must be the same bytes.
const SoftwareCode = "Hearth"

// buildCIN makes the CIN census of the year as one XML file.
func buildCIN(in returnInput) ([]ReturnFile, int, error) {
	kids := make([]cin.Child, len(in.children))
	for i, c := range in.children {
		kids[i] = cin.Child{Person: c.Person, Records: c.Records}
	}
	h := cin.Header{LEA: in.council.LANumber, SoftwareCode: SoftwareCode, DateTime: in.recordedAt}
	census := cin.Build(h, kids, cin.Year(in.year))
	var b bytes.Buffer
	if err := census.WriteXML(&b); err != nil {
		return nil, 0, fmt.Errorf("app: writing the CIN census: %w", err)
	}
	name := fmt.Sprintf("cin-census-%d.xml", in.year)
	return []ReturnFile{{Name: name, ContentType: "application/xml", Body: b.Bytes()}}, len(census.Children), nil
}

// ReturnRequest asks for a return, as a page, the API or the command line
// received it.
type ReturnRequest struct {
	Kind string // a ReturnKind's Name
	// Year is the collection year, named by the calendar year it ends in
	// ("2023": 1 April 2022 to 31 March 2023).
	Year string
	// AsRecordedOn is the moment the records are read as recorded at:
	// empty for now; a date (YYYY-MM-DD) for the end of that day in
	// London, or now if that day has not ended; or an RFC 3339 moment.
	AsRecordedOn string
}

// Return is a return made: its files, the moment its records were read as
// recorded at (asking again with this moment gives the same bytes), and the
// number of children in it.
type Return struct {
	Kind       ReturnKind
	Year       int
	RecordedAt time.Time
	Children   int
	Files      []ReturnFile
}

// ReturnFile is one file of a return.
type ReturnFile struct {
	Name        string
	ContentType string
	Body        []byte
}

// firstReturnYear is the earliest collection year a return is made for:
// 2008-09, the first CIN census of every child in need episode.
const firstReturnYear = 2009

// checkReturn validates a request and returns its kind, year and moment,
// with every field's error at once.
func (a *App) checkReturn(q ReturnRequest) (ReturnKind, int, time.Time, error) {
	var fields errs.Fields
	k, ok := ReturnKindNamed(q.Kind)
	if !ok {
		fields.Add("kind", "Choose a return: %s", returnNames())
	}
	now := a.Now()
	last := indicators.YearOf(civil.Of(now))
	year, err := strconv.Atoi(strings.TrimSpace(q.Year))
	switch {
	case strings.TrimSpace(q.Year) == "":
		fields.Add("year", "Enter the collection year, such as 2023 for April 2022 to March 2023")
	case err != nil:
		fields.Add("year", "Enter the collection year as four digits, such as 2023")
	case year < firstReturnYear || year > last:
		fields.Add("year", "Enter a collection year from %d to %d", firstReturnYear, last)
	}
	at, msg := a.returnMoment(strings.TrimSpace(q.AsRecordedOn), now)
	if msg != "" {
		fields.Add("as_recorded_on", "%s", msg)
	}
	return k, year, at, fields.Err()
}

func returnNames() string {
	names := make([]string, len(returnKinds))
	for i, k := range returnKinds {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// returnMoment reads as_recorded_on (see ReturnRequest.AsRecordedOn), or
// says what is wrong with it. Moments are taken to the microsecond, the
// precision of every stored one, so that the moment a return was read at
// (Return.RecordedAt, which the command line prints and the API and page
// send in a header) gives the same bytes when asked for again; the end of
// a day is its last microsecond.
func (a *App) returnMoment(s string, now time.Time) (time.Time, string) {
	now = now.Truncate(time.Microsecond)
	if s == "" {
		return now, ""
	}
	if isoDate.MatchString(s) {
		d, err := civil.Parse(s)
		if err != nil {
			return time.Time{}, "Enter a real date, such as 2023-05-15"
		}
		end := civil.StartOfLondon(d.AddDays(1)).Add(-time.Microsecond)
		if d.Before(civil.MustNew(1900, time.January, 1)) {
			return time.Time{}, "Enter a date from 1900 onwards"
		}
		if end.After(now) {
			if d.After(civil.Of(now)) {
				return time.Time{}, "Enter a date that is not in the future"
			}
			return now, "" // today, which has not ended
		}
		return end, ""
	}
	t, err := time.Parse(time.RFC3339, strings.ReplaceAll(s, " ", "+"))
	switch {
	case err != nil:
		return time.Time{}, "Enter a date, such as 2023-05-15, or a date and time such as 2023-05-15T17:00:00+01:00"
	case t.Before(earliestAsOf):
		return time.Time{}, "Enter a date from 1900 onwards"
	case t.After(now.Add(asOfAllowance)):
		return time.Time{}, "Enter a moment that is not in the future"
	case t.After(now):
		t = now
	}
	return t.Truncate(time.Microsecond), ""
}

// errNoLANumber refuses a return while the council has not set its LA
// number, which every return's header needs.
func errNoLANumber(at time.Time) error {
	return errs.E(errs.Conflict, "The council's LA number was not set at %s: an administrator sets it in the council's settings",
		at.In(civil.London).Format("2 January 2006 15:04:05"))
}

// MakeReturn makes a return for an analyst or administrator
// (access.ExportReturns) and logs it as one line with the number of
// children in it. A refusal is logged too.
func (a *App) MakeReturn(ctx context.Context, ac Actor, q ReturnRequest) (Return, error) {
	d := access.Authorize(ac.Principal, access.ExportReturns, nil, a.Now())
	if !d.Allowed {
		if err := a.logAccess(ctx, ac, store.AccessEntry{Action: store.LogDenied, Reason: string(access.ExportReturns) + ": " + d.Reason}); err != nil {
			return Return{}, err
		}
		return Return{}, errs.E(errs.Forbidden, "You do not have permission to do this")
	}
	return a.makeReturn(ctx, ac, d.Bulk, q)
}

// SystemReturn makes a return for the command line, which an operator runs
// with the database's own credentials: no user asks, so no role is checked,
// and the line of the access log names the command instead of a user. The
// command makes its permit (access.SystemBulk); a use case never does.
func (a *App) SystemReturn(ctx context.Context, bp access.BulkPermit, command string, q ReturnRequest) (Return, error) {
	ac := Actor{Remote: "command line", Route: command}
	return a.makeReturn(ctx, ac, bp, q)
}

func (a *App) makeReturn(ctx context.Context, ac Actor, bp access.BulkPermit, q ReturnRequest) (Return, error) {
	k, year, at, err := a.checkReturn(q)
	if err != nil {
		return Return{}, err
	}
	council, _, err := a.Store.CouncilDetails(ctx, at)
	if err != nil {
		return Return{}, err
	}
	if council.LANumber == "" {
		return Return{}, errNoLANumber(at)
	}
	y := cin.Year(year)
	children, err := a.Store.ReturnChildren(ctx, bp, store.ReturnQuery{RecordedAt: at, Kinds: k.Kinds, SpanKinds: k.SpanKinds, From: y.Start(), To: y.ReferenceDate()})
	if err != nil {
		return Return{}, err
	}
	files, n, err := k.build(returnInput{year: year, recordedAt: at, council: council, children: children})
	if err != nil {
		return Return{}, err
	}
	// The line is written before any file leaves: an export that cannot be
	// logged is not made.
	note := fmt.Sprintf("%s %d as recorded at %s", k.Title, year, at.UTC().Format(time.RFC3339Nano))
	e := store.AccessEntry{Kind: store.KindJourney, Action: store.LogExport, Reason: bp.Reason(), Note: note, Children: n}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return Return{}, err
	}
	return Return{Kind: k, Year: year, RecordedAt: at, Children: n, Files: files}, nil
}

// CouncilDetailsPage is the council's details as they stand, and every
// change.
type CouncilDetailsPage struct {
	Current store.Council
	Version int // 0: never set
	History []store.Version[store.Council]
}

// CouncilDetails reads the council's details, for those who read its
// settings (access.ReadSettings).
func (a *App) CouncilDetails(ctx context.Context, ac Actor) (CouncilDetailsPage, error) {
	if err := a.require(ctx, ac, access.ReadSettings); err != nil {
		return CouncilDetailsPage{}, err
	}
	c, v, err := a.Store.CouncilDetails(ctx, time.Time{})
	if err != nil {
		return CouncilDetailsPage{}, err
	}
	h, err := a.Store.CouncilDetailsHistory(ctx)
	if err != nil {
		return CouncilDetailsPage{}, err
	}
	return CouncilDetailsPage{Current: c, Version: v, History: h}, nil
}

var laNumber = regexp.MustCompile(`^\d{3}$`)

// SetCouncilDetails changes the council's details as a new version with the
// reason, from the version the administrator started from (0: never set);
// a stale one is refused with errs.Conflict and nothing is written.
// Administrators only (access.ManageSettings).
func (a *App) SetCouncilDetails(ctx context.Context, ac Actor, c store.Council, version int, reason string) error {
	if err := a.require(ctx, ac, access.ManageSettings); err != nil {
		return err
	}
	c.LANumber = strings.TrimSpace(c.LANumber)
	var fields errs.Fields
	if !laNumber.MatchString(c.LANumber) {
		fields.Add("la_number", "Enter the council's LA number: the three digits the DfE gives it, such as 336")
	}
	reason, rerr := validReason(reason)
	if rerr != nil {
		fields = append(fields, errs.As(rerr).Fields...)
	}
	if version < 0 {
		fields.Add("version", "Enter the version of the details you are changing")
	}
	if err := fields.Err(); err != nil {
		return err
	}
	old, _, err := a.Store.CouncilDetails(ctx, time.Time{})
	if err != nil {
		return err
	}
	what := "council: LA number " + cmp.Or(old.LANumber, "none") + " -> " + c.LANumber
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{Kind: store.KindSetting, Action: store.LogUpdate, Reason: what, Note: reason})
	if err != nil {
		return err
	}
	if _, err := a.Store.SetCouncilDetails(ctx, c, version, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason})); err != nil {
		return w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return nil
}
