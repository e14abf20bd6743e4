package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/app"
)

// hearth import: a council's past returns loaded as records, all or none.
// It takes what hearth validate takes, and more at once: CIN census XML
// files (each names its year) and SSDA903s, each a folder of CSV files
// (whose year is --year, or, with several folders, the year its name ends
// in: "ssda903-2023", "903_2022-23") or the CSV files of one year named
// one by one (--year).

// importCommand imports the files named and prints what it did, or every
// problem with its file, place, field and reason; with any problem nothing
// is written and it fails.
func importCommand(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	var c common
	fs := newFlags("import", &c)
	year := fs.Int("year", 0, "the collection year of an SSDA903 (the year it ends in: 2023 for 2022-23), when its folder's name does not end in it")
	names, err := parseWithFiles(fs, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("name the files to import: hearth import FILE... (CIN census XML files, SSDA903 folders or CSV files)")
	}
	in, closeAll, err := importFiles(names, *year)
	defer closeAll()
	if err != nil {
		return err
	}
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	got, err := app.New(st, log).SystemImport(ctx, "hearth import", in)
	for _, p := range got.Problems {
		fmt.Fprintf(stdout, "problem: %s\n", p)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Imported %s (%d new, %d already held) and %d records from %s in %s.\n",
		plural(got.Children, "child", "children"), got.Created, got.Matched, got.Records,
		plural(len(in.Censuses)+len(in.SSDA903), "return", "returns"), time.Since(start).Round(time.Millisecond))
	return nil
}

// parseWithFiles parses flags that may come before, between or after the
// files, and returns the files.
func parseWithFiles(fs *flag.FlagSet, args []string) ([]string, error) {
	var names []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return names, nil
		}
		names, args = append(names, fs.Arg(0)), fs.Args()[1:]
	}
}

// yearSuffix is a folder name's collection year: "2023" or "2022-23" at
// its end.
var yearSuffix = regexp.MustCompile(`(\d{4})(?:-(\d{2}))?$`)

// folderYear is the collection year a 903 folder's name ends in.
func folderYear(dir string) (int, bool) {
	m := yearSuffix.FindStringSubmatch(filepath.Base(filepath.Clean(dir)))
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	if m[2] != "" {
		y++ // 2022-23 ends in 2023
	}
	return y, true
}

// importFiles opens the files named: XML files are censuses, each folder
// one 903, and CSV files named alone one 903 together. The returned func
// closes them.
func importFiles(names []string, year int) (app.ImportFiles, func(), error) {
	var in app.ImportFiles
	var opened []*os.File
	closeAll := func() {
		for _, f := range opened {
			f.Close()
		}
	}
	openFile := func(name string) (app.ImportFile, error) {
		f, err := os.Open(name)
		if err != nil {
			return app.ImportFile{}, err
		}
		opened = append(opened, f)
		return app.ImportFile{Name: name, Body: f}, nil
	}
	var dirs, csvs []string
	for _, n := range names {
		fi, err := os.Stat(n)
		if err != nil {
			return in, closeAll, err
		}
		switch {
		case fi.IsDir():
			dirs = append(dirs, n)
		case strings.EqualFold(filepath.Ext(n), ".xml"):
			f, err := openFile(n)
			if err != nil {
				return in, closeAll, err
			}
			in.Censuses = append(in.Censuses, f)
		default:
			csvs = append(csvs, n)
		}
	}
	if len(csvs) > 0 && len(dirs) > 0 {
		return in, closeAll, fmt.Errorf("name an SSDA903 by its folder or by its CSV files, not both")
	}
	sets := map[string][]string{}
	for _, d := range dirs {
		files, err := returnFiles([]string{d})
		if err != nil {
			return in, closeAll, err
		}
		sets[d] = files
	}
	if len(csvs) > 0 {
		sets[filepath.Dir(csvs[0])] = csvs
	}
	keys := make([]string, 0, len(sets))
	for k := range sets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		y := year
		if len(sets) > 1 || y == 0 {
			fy, ok := folderYear(k)
			if !ok && (len(sets) > 1 || y == 0) {
				return in, closeAll, fmt.Errorf("%s: give the SSDA903's collection year with --year, or end its folder's name with it (ssda903-2023)", k)
			}
			if ok {
				y = fy
			}
		}
		set := app.Import903{Name: k, Year: y}
		for _, n := range sets[k] {
			f, err := openFile(n)
			if err != nil {
				return in, closeAll, err
			}
			set.Files = append(set.Files, f)
		}
		in.SSDA903 = append(in.SSDA903, set)
	}
	return in, closeAll, nil
}
