package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"hearth/internal/civil"
	"hearth/internal/indicators"
	"hearth/internal/returns/cin"
	"hearth/internal/returns/ssda903"
)

// hearth validate: a return's files checked against the DfE's rules before
// they are sent, or a return received from elsewhere checked before it is
// trusted. It reads only the files, never the database, so it runs anywhere
// the files are. A CIN census is one XML file; an SSDA903 is a folder of CSV
// files, or the files named one by one.

// validateCommand checks the files named and prints each problem reading
// them and each finding of the rules, then a summary. It fails (exit 1) if
// a file could not be read as the return or a rule that is not a query is
// broken.
func validateCommand(_ context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	year := fs.Int("year", 0, "the collection year of an SSDA903, named by the year it ends in (default: the latest year ended); a census names its own")
	la := fs.String("la", "", "the council's three-digit LA number, for an SSDA903 (its files do not hold it)")
	names, err := parseWithFiles(fs, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("name the files to check: hearth validate FILE... (a CIN census XML file, or an SSDA903's folder or CSV files)")
	}
	files, err := returnFiles(names)
	if err != nil {
		return err
	}
	start := time.Now()
	var problems, errors, queries int
	var what string
	if len(files) == 1 && strings.EqualFold(filepath.Ext(files[0]), ".xml") {
		what, problems, errors, queries, err = validateCIN(files[0], stdout)
	} else {
		y := ssda903.Year(*year)
		if y == 0 {
			y = ssda903.Year(indicators.YearOf(civil.Of(time.Now())) - 1)
		}
		what, problems, errors, err = validate903(y, *la, files, stdout)
	}
	if err != nil {
		return err
	}
	verdict := "passes"
	if problems > 0 || errors > 0 {
		verdict = "fails"
	}
	fmt.Fprintf(stdout, "%s: %s, %s, %s: it %s (checked in %s).\n", what, plural(problems, "problem reading it", "problems reading it"),
		plural(errors, "error", "errors"), plural(queries, "query", "queries"), verdict, time.Since(start).Round(time.Millisecond))
	if verdict == "fails" {
		return fmt.Errorf("the %s fails its checks", what)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// returnFiles are the files named, a folder standing for the CSV files in
// it (an SSDA903's folder), in the order named. A census is one XML file
// alone; XML and CSV files together are no return.
func returnFiles(names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		fi, err := os.Stat(n)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, n)
			continue
		}
		csvs, err := filepath.Glob(filepath.Join(n, "*.csv"))
		if err != nil {
			return nil, err
		}
		if len(csvs) == 0 {
			return nil, fmt.Errorf("%s holds no CSV files: an SSDA903's folder holds a CSV file per table", n)
		}
		slices.Sort(csvs)
		out = append(out, csvs...)
	}
	xml := slices.ContainsFunc(out, func(f string) bool { return strings.EqualFold(filepath.Ext(f), ".xml") })
	if xml && len(out) > 1 {
		return nil, fmt.Errorf("name one CIN census XML file, or the CSV files of one SSDA903, not both or several censuses")
	}
	return out, nil
}

// validateCIN reads a census file and runs its year's rules on it.
func validateCIN(name string, stdout io.Writer) (what string, problems, errors, queries int, err error) {
	f, err := os.Open(name)
	if err != nil {
		return "", 0, 0, 0, err
	}
	defer f.Close()
	c, ps := cin.ReadXML(f)
	what = fmt.Sprintf("%s (CIN census %d, %s)", name, c.Year, plural(len(c.Children), "child", "children"))
	for _, p := range ps {
		fmt.Fprintf(stdout, "problem: %s\n", p)
	}
	rep := cin.Validate(c)
	for _, fd := range rep.Findings {
		kind := "error"
		if fd.Query {
			kind, queries = "query", queries+1
		} else {
			errors++
		}
		fmt.Fprintf(stdout, "%s %s: %s (%s)\n", kind, fd.Rule, fd.Message, cinWhere(c, fd))
	}
	return what, len(ps), errors, queries, nil
}

// cinWhere says where a census finding is, as a path of the census's
// elements (counting from 1, as XPath does) after the child's id.
func cinWhere(c cin.Census, f cin.Finding) string {
	var b strings.Builder
	if f.Child < 0 {
		b.WriteString("the return")
	} else {
		fmt.Fprintf(&b, "child %s: Child[%d]", f.LAChildID, f.Child+1)
	}
	if f.Episode >= 0 {
		fmt.Fprintf(&b, "/CINdetails[%d]", f.Episode+1)
	}
	if f.Module != "" {
		fmt.Fprintf(&b, "/%s[%d]", f.Module, f.Index+1)
	}
	if f.Field != "" {
		b.WriteString("/" + f.Field)
		if f.Item >= 0 {
			fmt.Fprintf(&b, "[%d]", f.Item+1)
		}
	}
	return b.String()
}

// validate903 reads an SSDA903's files and runs the year's rules on them.
// The 903 has no queries: every finding is an error.
func validate903(y ssda903.Year, la string, names []string, stdout io.Writer) (what string, problems, errors int, err error) {
	var files []ssda903.File
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return "", 0, 0, err
		}
		defer f.Close()
		files = append(files, ssda903.File{Name: n, Body: f})
	}
	r, ps := ssda903.Read(y, la, files)
	what = fmt.Sprintf("SSDA903 %s (%s, %s)", y, plural(len(names), "file", "files"), plural(len(r.Header), "child", "children"))
	for _, p := range ps {
		fmt.Fprintf(stdout, "problem: %s\n", p)
	}
	fds := ssda903.Validate(r)
	for _, f := range fds {
		where := f.Table.File()
		if f.Row > 0 {
			where += fmt.Sprintf(" row %d", f.Row)
		}
		if f.Column != "" {
			where += ", " + f.Column
		}
		fmt.Fprintf(stdout, "error %s: %s (child %s: %s)\n", f.Rule, f.Message, f.Child, where)
	}
	return what, len(ps), len(fds), nil
}
