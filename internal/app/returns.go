package app

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/indicators"
	"hearth/internal/journey"
	"hearth/internal/report"
	"hearth/internal/returns/annexa"
	"hearth/internal/returns/cin"
	"hearth/internal/returns/ssda903"
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
// through this list: the CIN census, the SSDA903 (a folder of CSV files)
// and Ofsted's Annex A are its entries, and a validation report is one more
// function of the kind over the same returnInput.
//
// Most returns are of a collection year. Ofsted's Annex A is of a window
// instead (ReturnKind.Window): the six or twelve months to a day, which the
// request names by its last day and its number of months.

// ReturnKind is one statutory return Hearth makes.
type ReturnKind struct {
	Name  string // as the command line, the page and the API name it: "cin"
	Title string // as the pages show it
	// Kinds are the journey kinds the return reads: a record's kind never
	// changes, so the store reads only these (nil: every kind).
	Kinds []journey.Kind
	// Window is set for a return of the months to a day (Annex A) rather
	// than of a collection year; its request names To and Months, and
	// its input the window and the names of teams and workers.
	Window bool
	// spans choose the children the return is made from, for its year or
	// window: those a record of a span's kinds open in it places in the
	// return (store.ReturnSpan), each read once with their records of
	// Kinds.
	spans func(year int, w annexa.Window) []store.ReturnSpan
	// build makes the return's files from what was read, and says how
	// many children they hold.
	build func(in returnInput) ([]ReturnFile, int, error)
	// check, for a return the DfE validates, makes it from what was read
	// and runs the year's rules on it (returncheck.go); nil: no rules.
	check func(in returnInput) (children int, findings []ReturnFinding)
	// EducationKinds, for a return made from education records (SEN2),
	// are the kinds it reads, of every child who has one, in place of the
	// journey's reads.
	EducationKinds []education.Kind
}

// returnInput is what a return is made from: the collection year (or the
// window, with the names of teams and workers), the moment its records are
// read as recorded at, the council's details as recorded then, and every
// child its reads chose.
type returnInput struct {
	year       int
	window     annexa.Window // for a return of a window; zero otherwise
	names      annexa.Names  // for a return of a window
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
		spans: func(year int, _ annexa.Window) []store.ReturnSpan {
			y := cin.Year(year)
			return []store.ReturnSpan{{Kinds: []journey.Kind{journey.KindReferral}, From: y.Start(), To: y.ReferenceDate()}}
		},
		build: buildCIN,
		check: checkCIN,
	},
	{
		Name:  "ssda903",
		Title: "SSDA903 return of children looked after",
		// The kinds ssda903.Build reads: care episodes (and the periods of
		// care made of them), reviews, UASC status, the plan for adoption,
		// missing episodes, allocations (social worker episodes), OC2's
		// health, dental, immunisation and SDQ records, and OC3's contact
		// with a care leaver.
		Kinds: []journey.Kind{journey.KindCareEpisode, journey.KindCareReview, journey.KindUASC, journey.KindAdoption,
			journey.KindMissing, journey.KindAllocation, journey.KindHealthAssessment, journey.KindDentalCheck,
			journey.KindImmunisations, journey.KindSDQ, journey.KindLeaverContact},
		spans: ssda903Spans,
		build: buildSSDA903,
		check: checkSSDA903,
	},
	{
		Name:  "annexa",
		Title: "Ofsted Annex A",
		// The kinds annexa.Build reads, for its lists and the columns they
		// fill (a referral's team from its allocation, a plan's last
		// visit, the strategy discussion an enquiry follows).
		Kinds: []journey.Kind{journey.KindContact, journey.KindEarlyHelp, journey.KindReferral, journey.KindAssessment,
			journey.KindStrategy, journey.KindS47, journey.KindICPC, journey.KindCINPlan, journey.KindCPPlan, journey.KindCPReview,
			journey.KindVisit, journey.KindAllocation, journey.KindCareEpisode, journey.KindCareReview,
			journey.KindHealthAssessment, journey.KindDentalCheck, journey.KindMissing, journey.KindLeavingCare,
			journey.KindLeaverContact, journey.KindAdoption},
		Window: true,
		spans:  annexASpans,
		build:  buildAnnexA,
	},
	{
		Name:  "sen2",
		Title: "SEN2 return of EHC plans",
		// What sen2.Build reads: requests and plans, and the rolls and
		// home education that name a plan's setting.
		EducationKinds: []education.Kind{education.KindEHCRequest, education.KindEHCPlan, education.KindRoll, education.KindEHE},
		build:          buildSEN2,
		check:          checkSEN2,
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

// ssda903Spans: a child is in the 903 of a year by an episode of care open
// in it, or, a care leaver of 17 to 21 (OC3), by one open on or after their
// 16th birthday, which is no more than five years before the year began.
func ssda903Spans(year int, _ annexa.Window) []store.ReturnSpan {
	y := ssda903.Year(year)
	s := y.Start()
	return []store.ReturnSpan{{Kinds: []journey.Kind{journey.KindCareEpisode}, From: civil.MustNew(s.Year-5, s.Month, s.Day), To: y.End()}}
}

// annexASpans: a child is on Annex A's lists by a record of a list's kind
// open in the window (a contact, a referral, a plan, an episode of care, a
// plan for adoption, the leaving care service), or as a care leaver, by
// care that may have ended long before it: a former relevant child is one
// to their 25th birthday, looked after on or after their 16th, so within
// nine years before the window (ten, to be safe at the edges).
func annexASpans(_ int, w annexa.Window) []store.ReturnSpan {
	lists := []journey.Kind{journey.KindContact, journey.KindEarlyHelp, journey.KindReferral, journey.KindAssessment,
		journey.KindS47, journey.KindICPC, journey.KindCINPlan, journey.KindCPPlan, journey.KindCareEpisode,
		journey.KindAdoption, journey.KindLeavingCare}
	from := w.Start
	from.Year -= 10
	if !from.Valid() { // 29 February
		from = civil.MustNew(from.Year, time.March, 1)
	}
	return []store.ReturnSpan{
		{Kinds: lists, From: w.Start, To: w.End},
		{Kinds: []journey.Kind{journey.KindCareEpisode}, From: from, To: w.End},
	}
}

// buildSSDA903 makes the 903 of the year as the DfE's CSV files, one per
// table.
func buildSSDA903(in returnInput) ([]ReturnFile, int, error) {
	kids := make([]ssda903.Child, len(in.children))
	for i, c := range in.children {
		kids[i] = ssda903.Child{Person: c.Person, Records: c.Records}
	}
	r := ssda903.Build(ssda903.Year(in.year), in.council.LANumber, kids)
	var names []string
	var bodies []*bytes.Buffer
	err := ssda903.Write(r, func(name string) (io.Writer, error) {
		names, bodies = append(names, name), append(bodies, new(bytes.Buffer))
		return bodies[len(bodies)-1], nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("app: writing the SSDA903: %w", err)
	}
	files := make([]ReturnFile, len(names))
	for i, n := range names {
		files[i] = ReturnFile{Name: n, ContentType: "text/csv", Body: bodies[i].Bytes()}
	}
	return files, len(r.Header), nil
}

// buildAnnexA makes Annex A's lists of the window as one workbook, a sheet
// per list. The workbook carries the moment its records were read as, not
// the time it was made, so that it is the same bytes when asked for again.
func buildAnnexA(in returnInput) ([]ReturnFile, int, error) {
	kids := make([]annexa.Child, len(in.children))
	for i, c := range in.children {
		kids[i] = annexa.Child{Person: c.Person, Records: c.Records}
	}
	// The records are let go once the lists are made from them, before
	// the workbook is: at scale 10 they are a gigabyte.
	in.children = nil
	l := annexa.Build(in.window, kids, in.names)
	var b bytes.Buffer
	if err := report.XLSX(&b, annexa.Document(l, in.recordedAt)); err != nil {
		return nil, 0, fmt.Errorf("app: writing Annex A: %w", err)
	}
	body, err := stampZip(b.Bytes(), in.recordedAt)
	if err != nil {
		return nil, 0, fmt.Errorf("app: writing Annex A: %w", err)
	}
	name := fmt.Sprintf("annexa-%s.xlsx", in.window.End)
	return []ReturnFile{{Name: name, ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Body: body}}, l.Children(), nil
}

// stampZip gives every entry of a zip (a workbook is one) the moment at for
// its time, and puts the entries in the order of their names, the list of
// content types first as readers of workbooks expect. The workbook's writer
// stamps its entries with the time of writing and writes its sheets in no
// fixed order, which would make two workbooks of the same records differ;
// the entries are copied as they are compressed, so this costs little.
func stampZip(b []byte, at time.Time) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(x, y *zip.File) int {
		const types = "[Content_Types].xml"
		return cmp.Or(-cmp.Compare(boolInt(x.Name == types), boolInt(y.Name == types)), strings.Compare(x.Name, y.Name))
	})
	var out bytes.Buffer
	out.Grow(len(b))
	zw := zip.NewWriter(&out)
	for _, f := range files {
		raw, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: f.Method, CRC32: f.CRC32,
			CompressedSize64: f.CompressedSize64, UncompressedSize64: f.UncompressedSize64, Modified: at.UTC()})
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, raw); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ReturnRequest asks for a return, as a page, the API or the command line
// received it.
type ReturnRequest struct {
	Kind string // a ReturnKind's Name
	// Year is the collection year, named by the calendar year it ends in
	// ("2023": 1 April 2022 to 31 March 2023).
	Year string
	// To and Months are a return of a window's (ReturnKind.Window): its
	// last day (YYYY-MM-DD) and its number of months, 6 or 12.
	To, Months string
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
	Year       int           // a return of a collection year's; 0 for a window's
	Window     annexa.Window // a return of a window's
	RecordedAt time.Time
	Children   int
	Files      []ReturnFile
}

// Period names what the return covers: its collection year ("2023") or
// its window ("1 April 2022 to 31 March 2023").
func (r Return) Period() string {
	if r.Kind.Window {
		return r.Window.Start.Format() + " to " + r.Window.End.Format()
	}
	return strconv.Itoa(r.Year)
}

// BaseName is the name of the return's folder, or of the zip of its files:
// "ssda903-2023", or "annexa-2023-03-31" for a window's.
func (r Return) BaseName() string {
	if r.Kind.Window {
		return r.Kind.Name + "-" + r.Window.End.String()
	}
	return fmt.Sprintf("%s-%d", r.Kind.Name, r.Year)
}

// Download is the return as one file to send: its one file as it is, or
// its files in a zip named by BaseName (a return that is a folder of
// files). Every entry of the zip carries the moment the records were read
// as, not the time of the download, so that the archive is the same bytes
// each time too.
func (r Return) Download() (ReturnFile, error) {
	if len(r.Files) == 1 {
		return r.Files[0], nil
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, f := range r.Files {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: r.RecordedAt.UTC()})
		if err != nil {
			return ReturnFile{}, err
		}
		if _, err := fw.Write(f.Body); err != nil {
			return ReturnFile{}, err
		}
	}
	if err := z.Close(); err != nil {
		return ReturnFile{}, err
	}
	return ReturnFile{Name: r.BaseName() + ".zip", ContentType: "application/zip", Body: b.Bytes()}, nil
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

// returnAsked is a request checked: the return, the year or window it
// covers, and the moment its records are read as recorded at.
type returnAsked struct {
	kind   ReturnKind
	year   int
	window annexa.Window
	at     time.Time
}

// checkReturn validates a request for a return of a collection year and
// returns its kind, year and moment, with every field's error at once.
func (a *App) checkReturn(q ReturnRequest) (ReturnKind, int, time.Time, error) {
	ask, err := a.askReturn(q)
	return ask.kind, ask.year, ask.at, err
}

// askReturn validates a request, of a year's return or a window's, with
// every field's error at once.
func (a *App) askReturn(q ReturnRequest) (returnAsked, error) {
	var fields errs.Fields
	var out returnAsked
	k, ok := ReturnKindNamed(q.Kind)
	if !ok {
		fields.Add("kind", "Choose a return: %s", returnNames())
	}
	out.kind = k
	now := a.Now()
	if k.Window {
		out.window = checkWindow(q, civil.Of(now), &fields)
	} else {
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
		out.year = year
	}
	at, msg := a.returnMoment(strings.TrimSpace(q.AsRecordedOn), now)
	if msg != "" {
		fields.Add("as_recorded_on", "%s", msg)
	}
	out.at = at
	return out, fields.Err()
}

// windowMonths are the windows Annex A is asked for: the six or twelve
// months to the day the data is taken.
var windowMonths = []int{6, 12}

// checkWindow reads a window's last day and months (ReturnRequest.To and
// Months), adding what is wrong with them to fields.
func checkWindow(q ReturnRequest, today civil.Date, fields *errs.Fields) annexa.Window {
	to, months := strings.TrimSpace(q.To), strings.TrimSpace(q.Months)
	var end civil.Date
	switch d, err := civil.Parse(to); {
	case to == "":
		fields.Add("to", "Enter the last day of the window, such as 2023-03-31")
	case !isoDate.MatchString(to) || err != nil:
		fields.Add("to", "Enter the last day of the window as a real date, such as 2023-03-31")
	case d.Before(civil.MustNew(firstReturnYear-1, time.April, 1)):
		fields.Add("to", "Enter a last day from 1 April %d onwards", firstReturnYear-1)
	case d.After(today):
		fields.Add("to", "Enter a last day that is not in the future")
	default:
		end = d
	}
	n, err := strconv.Atoi(months)
	switch {
	case months == "":
		fields.Add("months", "Enter the number of months the window covers: 6 or 12")
	case err != nil || !slices.Contains(windowMonths, n):
		fields.Add("months", "Enter 6 or 12 for the number of months the window covers")
	}
	if end.IsZero() || !slices.Contains(windowMonths, n) {
		return annexa.Window{}
	}
	return annexa.Months(end, n)
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
	ask, err := a.askReturn(q)
	if err != nil {
		return Return{}, err
	}
	k, at := ask.kind, ask.at
	council, _, err := a.Store.CouncilDetails(ctx, at)
	if err != nil {
		return Return{}, err
	}
	if council.LANumber == "" {
		return Return{}, errNoLANumber(at)
	}
	in := returnInput{year: ask.year, window: ask.window, recordedAt: at, council: council}
	if k.Window {
		if in.names, err = a.staffNames(ctx); err != nil {
			return Return{}, err
		}
	}
	if in.children, err = a.returnChildren(ctx, bp, k, ask); err != nil {
		return Return{}, err
	}
	files, n, err := k.build(in)
	if err != nil {
		return Return{}, err
	}
	ret := Return{Kind: k, Year: ask.year, Window: ask.window, RecordedAt: at, Children: n, Files: files}
	// The line is written before any file leaves: an export that cannot be
	// logged is not made.
	note := fmt.Sprintf("%s %s as recorded at %s", k.Title, ret.Period(), at.UTC().Format(time.RFC3339Nano))
	e := store.AccessEntry{Kind: store.KindJourney, Action: store.LogExport, Reason: bp.Reason(), Note: note, Children: n}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return Return{}, err
	}
	return ret, nil
}

// returnChildren reads the children a return is made from (its spans'),
// in the order of their ids.
func (a *App) returnChildren(ctx context.Context, bp access.BulkPermit, k ReturnKind, ask returnAsked) ([]store.ReturnChild, error) {
	if len(k.EducationKinds) > 0 {
		return a.Store.EducationReturnChildren(ctx, bp, k.EducationKinds, ask.at)
	}
	return a.Store.ReturnChildren(ctx, bp, store.ReturnQuery{RecordedAt: ask.at, Kinds: k.Kinds, Spans: k.spans(ask.year, ask.window)})
}

// staffNames are the names of the council's teams and workers, as they
// stand now, for the lists that show who a child is allocated to.
func (a *App) staffNames(ctx context.Context) (annexa.Names, error) {
	teams, err := a.Store.Teams(ctx)
	if err != nil {
		return annexa.Names{}, err
	}
	users, err := a.Store.Users(ctx)
	if err != nil {
		return annexa.Names{}, err
	}
	n := annexa.Names{Teams: make(map[access.TeamID]string, len(teams)), Workers: make(map[access.UserID]string, len(users))}
	for _, t := range teams {
		n.Teams[t.ID] = t.Name
	}
	for _, u := range users {
		n.Workers[u.ID] = cmp.Or(u.DisplayName, u.Username)
	}
	return n, nil
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
