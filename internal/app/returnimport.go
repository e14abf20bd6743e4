package app

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/returns/cin"
	"hearth/internal/returns/load"
	"hearth/internal/returns/ssda903"
	"hearth/internal/store"
)

// ImportFiles are the files of past returns to import: CIN census XML
// files, each naming its own year, and SSDA903 returns, each the CSV files
// of one year (which the files do not name).
type ImportFiles struct {
	Censuses []ImportFile
	SSDA903  []Import903
}

// ImportFile is one file: its name (for the problem report) and content.
type ImportFile struct {
	Name string
	Body io.Reader
}

// Import903 is one year's SSDA903: its collection year (named by the year
// it ends in, as ssda903.Year), a name for the set (its folder) and its
// CSV files.
type Import903 struct {
	Name  string
	Year  int
	Files []ImportFile
}

// Imported says what an import did, or, with Problems, why it did nothing.
type Imported struct {
	Children int            `json:"children"` // the children of the files
	Created  int            `json:"created"`  // people made, of those
	Matched  int            `json:"matched"`  // children already held, by LA child id or UPN
	Records  int            `json:"records"`  // journey records written
	Problems []load.Problem `json:"-"`        // the API writes them as its error's
	// held are the people the files' identifiers found whom the import may
	// not add to: the refusal is logged on each.
	held []people.ID
}

// ImportReturns loads past returns as records for an analyst or
// administrator (access.ImportReturns): all of them, or, if anything in
// any file is wrong, none, with every problem reported (Imported.Problems
// and an errs.Invalid error). The import is one line of the access log
// with the number of children.
func (a *App) ImportReturns(ctx context.Context, ac Actor, in ImportFiles) (Imported, error) {
	if err := a.require(ctx, ac, access.ImportReturns); err != nil {
		return Imported{}, err
	}
	return a.importReturns(ctx, ac, in)
}

// SystemImport is ImportReturns for the command line, which an operator
// runs with the database's own credentials: no role is checked, and the
// access log's line names the command instead of a user.
func (a *App) SystemImport(ctx context.Context, command string, in ImportFiles) (Imported, error) {
	return a.importReturns(ctx, Actor{Remote: "command line", Route: command}, in)
}

func (a *App) importReturns(ctx context.Context, ac Actor, in ImportFiles) (Imported, error) {
	censuses, returns, problems := readImport(in)
	if len(censuses)+len(returns) == 0 && len(problems) == 0 {
		return Imported{}, errs.E(errs.Invalid, "Choose the files of a CIN census or an SSDA903 to import")
	}
	if len(problems) > 0 {
		return a.refuseImport(ctx, ac, Imported{Problems: problems})
	}
	// The files' counts are taken now: what was read of them is garbage
	// once merged, and is not kept through the write.
	files := fmt.Sprintf("imported %d CIN census files and %d SSDA903 returns", len(censuses), len(returns))
	plan, problems := load.Build(censuses, returns)
	out := Imported{Children: len(plan.Children), Problems: problems}
	placed, err := a.placeImport(ctx, plan, &out)
	if err != nil {
		return Imported{}, err
	}
	if len(out.Problems) > 0 {
		return a.refuseImport(ctx, ac, out)
	}

	note := fmt.Sprintf("%s: %d records", files, placed.records())
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{Kind: store.KindJourney, Action: store.LogCreate, Reason: string(access.ImportReturns), Note: note, Children: out.Children})
	if err != nil {
		return Imported{}, err
	}
	// The records added to people already held are written on each one's
	// log too, so that a child's log shows the import.
	also := make([]store.AccessEntry, len(placed.matched))
	for i, id := range placed.matched {
		also[i] = store.AccessEntry{PersonID: id, Kind: store.KindJourney, Action: store.LogCreate, Reason: string(access.ImportReturns), Note: "records imported from past statutory returns"}
	}
	if err := w.alsoOnEach(ctx, ac, also); err != nil {
		return Imported{}, err
	}
	_, recs, err := a.Store.ImportHistory(ctx, placed.people, placed.recs, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: "Imported from past statutory returns"}))
	if err != nil {
		return Imported{}, w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	out.Records = len(recs)
	return out, nil
}

// maxImportProblems bounds the report of a refused import: enough to mend
// a file by, never a report larger than the files.
const maxImportProblems = 1000

// refuseImport logs a refused import, on its own and on each person held
// whose identifiers the files gave (so that a child's log shows who tried
// them), and answers with the problems, at most maxImportProblems of them.
func (a *App) refuseImport(ctx context.Context, ac Actor, out Imported) (Imported, error) {
	n := len(out.Problems)
	lines := []store.AccessEntry{{Kind: store.KindJourney, Action: store.LogDenied, Reason: string(access.ImportReturns),
		Note: fmt.Sprintf("import refused: %s", plural(n, "problem", "problems")), Children: out.Children}}
	for _, id := range out.held {
		lines = append(lines, store.AccessEntry{PersonID: id, Kind: store.KindJourney, Action: store.LogDenied, Reason: string(access.ImportReturns),
			Note: "an import's identifiers found this child, whom it may not add to"})
	}
	if err := a.logEach(ctx, ac, lines); err != nil {
		return Imported{}, err
	}
	msg := fmt.Sprintf("%s in the files: nothing was imported", plural(n, "problem", "problems"))
	if n > maxImportProblems {
		out.Problems = out.Problems[:maxImportProblems]
		msg += fmt.Sprintf(" (the first %d are listed)", maxImportProblems)
	}
	out.held = nil
	return out, errs.E(errs.Invalid, "%s", msg)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// readImport reads every file, reporting each file's problems with where
// they are. The files are read side by side, up to one per processor: each
// reader is its own, and a census or a 903 is read whole before it is used.
// What they read, and their problems, keep the files' order.
func readImport(in ImportFiles) ([]load.Census, []load.Return903, []load.Problem) {
	cs := make([]load.Census, len(in.Censuses))
	rs := make([]load.Return903, len(in.SSDA903))
	csProblems := make([][]load.Problem, len(in.Censuses))
	rsProblems := make([][]load.Problem, len(in.SSDA903))
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	run := func(f func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			f()
		}()
	}
	for i, f := range in.Censuses {
		run(func() {
			c, ps := cin.ReadXML(f.Body)
			for _, p := range ps {
				csProblems[i] = append(csProblems[i], load.Problem{File: f.Name, Where: p.Path, Line: p.Line, Child: p.LAChildID, Field: p.Field, Reason: p.Reason})
			}
			cs[i] = load.Census{File: f.Name, Census: c}
		})
	}
	for i, s := range in.SSDA903 {
		if s.Year < 2000 || s.Year > 2100 {
			rsProblems[i] = []load.Problem{{File: s.Name, Field: "year", Reason: "name the SSDA903's collection year (the year it ends in, such as 2023 for 2022-23): its files do not hold it"}}
			continue
		}
		run(func() {
			files := make([]ssda903.File, len(s.Files))
			for j, f := range s.Files {
				files[j] = ssda903.File{Name: f.Name, Body: f.Body}
			}
			r, ps := ssda903.Read(ssda903.Year(s.Year), "", files)
			for _, p := range ps {
				where := ""
				if p.Row > 0 {
					where = fmt.Sprintf("row %d", p.Row)
				}
				rsProblems[i] = append(rsProblems[i], load.Problem{File: p.File, Where: where, Field: p.Field, Reason: p.Reason})
			}
			rs[i] = load.Return903{Name: s.Name, Return: r}
		})
	}
	wg.Wait()
	var problems []load.Problem
	for _, ps := range append(csProblems, rsProblems...) {
		problems = append(problems, ps...)
	}
	// A 903 without its year stays in rs, unread: its problem refuses the
	// import.
	return cs, rs, problems
}

// placedImport is a plan made ready for the store: the new people, and
// every record naming its person as ImportHistory takes it.
type placedImport struct {
	people  []people.Person
	recs    []journey.Record
	matched []people.ID // people held, to whom records are added
}

func (p placedImport) records() int { return len(p.recs) }

// placeImport matches each child of the plan to a person already held (by
// LA child id, else UPN) or makes them, and judges every person and record
// as a page would before saving it, adding each problem to out. A child
// already held with journey records is a problem: their history is in
// Hearth already, and importing it again would make it twice.
func (a *App) placeImport(ctx context.Context, plan load.Plan, out *Imported) (placedImport, error) {
	var ids, upns []string
	for _, c := range plan.Children {
		ids = append(ids, c.LAChildID)
		if u := c.Person.Identifiers.UPN; u != "" {
			upns = append(upns, u)
		}
	}
	m, err := a.Store.HistoryMatches(ctx, ids, upns)
	if err != nil {
		return placedImport{}, err
	}
	today := a.Today()
	var p placedImport
	// First, in order, who each child is: held already (and whether the
	// import may add to them) or new, with their place among the new
	// people. Then each child is judged on its own, side by side, as
	// nothing one child's judgement reads is another's; the problems are
	// gathered in the children's order.
	type judged struct {
		c        load.Child
		person   people.Person
		isNew    bool
		held     bool // not to be judged, nor written: its one problem says why
		problems []load.Problem
	}
	work := make([]judged, 0, len(plan.Children))
	for _, c := range plan.Children {
		person := people.Normalise(c.Person)
		id, found := m.ByLAChildID[normalisedID(c.LAChildID)]
		if !found && person.Identifiers.UPN != "" {
			id, found = m.ByUPN[normalisedID(person.Identifiers.UPN)]
		}
		switch {
		case found && (m.Records[id] > 0 || m.Restricted[id] || otherBirth(m.Born[id], person.DateOfBirth)):
			// One answer whatever the reason, so that an import says no
			// more of a record it may not touch than that its identifiers
			// are held: not its history, its restriction or its birth.
			out.held = append(out.held, id)
			work = append(work, judged{c: c, held: true, problems: []load.Problem{{File: c.Origin.File, Where: c.Origin.Where, Line: c.Origin.Line, Child: c.LAChildID, Field: "LAchildID",
				Reason: "this child's LA child id or UPN is held for a record the import may not add to (a child with a history in Hearth already, a restricted record, or a child born on another day): check the identifiers, or ask an administrator"}}})
		case found:
			out.Matched++
			person.ID = id
			p.matched = append(p.matched, id)
			work = append(work, judged{c: c, person: person})
		default:
			p.people = append(p.people, person)
			person.ID = people.ID(-len(p.people))
			out.Created++
			work = append(work, judged{c: c, person: person, isNew: true})
		}
	}
	// The records go straight into the one slice the store is given,
	// each child's into its own window of it (at[i] is where work[i]'s
	// begin), rather than into a slice of each child's copied after.
	at := make([]int, len(work)+1)
	for i := range work {
		at[i+1] = at[i]
		if !work[i].held {
			at[i+1] += len(work[i].c.Records)
		}
	}
	p.recs = make([]journey.Record, at[len(work)])
	// Each child's problems in the order a page would find them: the
	// person's, then each record's.
	judge := func(w *judged, recs []journey.Record, check *journey.Checker) {
		if w.held {
			return
		}
		c := w.c
		problem := func(o load.Origin, field, reason string) {
			w.problems = append(w.problems, load.Problem{File: o.File, Where: o.Where, Line: o.Line, Child: c.LAChildID, Field: field, Reason: reason})
		}
		if w.isNew {
			// As it will be saved: with no id yet.
			v := w.person
			v.ID = 0
			if e := errs.As(people.Validate(v, today)); e != nil {
				for _, f := range e.Fields {
					problem(c.Origin, personField(f.Field), f.Message)
				}
				if len(e.Fields) == 0 {
					problem(c.Origin, "", e.Message)
				}
			}
		}
		j := journey.Journey{Person: w.person, Records: recs}
		for i, r := range c.Records {
			r.PersonID = w.person.ID
			r.Normalise()
			j.Records[i] = r
		}
		for _, r := range j.Records {
			o := c.Origins[r.ID]
			// A new person has no id yet; Validate asks only that the
			// record is someone's.
			v := r
			v.PersonID = max(v.PersonID, 1)
			err := v.Validate()
			if err == nil && (r.Start.After(today) || r.End.After(today)) {
				err = errs.E(errs.Invalid, "The dates must be today or in the past")
			}
			if err == nil {
				err = check.Check(j, r)
			}
			if e := errs.As(err); e != nil {
				what := journey.Kinds.Label(string(r.Kind))
				for _, f := range e.Fields {
					problem(o, f.Field, what+" of "+r.Start.Format()+": "+f.Message)
				}
				if len(e.Fields) == 0 {
					problem(o, "", what+" of "+r.Start.Format()+": "+e.Message)
				}
			}
		}
	}
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(work))
	for n := range workers {
		wg.Go(func() {
			// Every workers-th child from n: the children's sizes are
			// mixed evenly enough across the list.
			var check journey.Checker
			for i := n; i < len(work); i += workers {
				judge(&work[i], p.recs[at[i]:at[i+1]:at[i+1]], &check)
			}
		})
	}
	wg.Wait()
	for i := range work {
		out.Problems = append(out.Problems, work[i].problems...)
	}
	return p, nil
}

// otherBirth reports whether a held child's date of birth and a file's
// differ, where both are known: the identifiers found someone else.
func otherBirth(held, file civil.Date) bool {
	return !held.IsZero() && !file.IsZero() && held != file
}

// normalisedID is an identifier as the store compares it.
func normalisedID(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

// personField names a person's field as the returns do, so that the
// report points into the file.
func personField(f string) string {
	switch f {
	case "date_of_birth":
		return "PersonBirthDate / DOB"
	case "expected_date_of_birth":
		return "ExpectedPersonBirthDate"
	case "date_of_death":
		return "PersonDeathDate"
	case "sex":
		return "Sex / GenderCurrent"
	case "ethnicity":
		return "Ethnicity"
	case "identifiers.upn":
		return "UPN"
	case "identifiers.former_upn":
		return "FormerUPN"
	}
	if strings.HasPrefix(f, "disabilities") {
		return "Disability"
	}
	return f
}
