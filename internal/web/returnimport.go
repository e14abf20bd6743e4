package web

import (
	"fmt"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/returns/load"
)

// maxReturnImport bounds the files of one import from the returns page, 200
// MB in all: the limit of one return's file (cin.MaxXMLSize,
// ssda903.MaxFileSize), as the API's import has.
const maxReturnImport = 200 << 20

// returnsImportedView is the page after an import: what it wrote.
type returnsImportedView struct {
	Page
	Got app.Imported
}

// Summary is the import in a line, such as "2 records of 1 child".
func (v *returnsImportedView) Summary() string {
	count := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	return count(v.Got.Records, "record", "records") + " of " + count(v.Got.Children, "child", "children")
}

// returnsImport imports past returns chosen on the returns page: CIN census
// XML files, and an SSDA903's CSV files with the year they end in. Every
// problem in any file is shown, file by file, with nothing written; an
// import without one shows what it wrote.
func (s *Server) returnsImport(w http.ResponseWriter, r *request) error {
	if err := s.require(r, access.ImportReturns, "You do not have permission to import past returns"); err != nil {
		return err
	}
	p, err := s.returnsPage(r)
	if err != nil {
		return err
	}
	p.ImportYear = strings.TrimSpace(r.PostForm.Get("ssda903_year"))
	in, opened, bad := importForm(r, p.ImportYear)
	defer func() {
		for _, f := range opened {
			f.Close()
		}
	}()
	if err := bad.Err(); err != nil {
		p.F.take(err)
		return s.render(w, http.StatusUnprocessableEntity, "returns", p)
	}
	got, err := s.app.ImportReturns(r.Context(), r.actor, in)
	if err == nil {
		v := &returnsImportedView{Page: r.page, Got: got}
		v.Title = "Past returns imported"
		return s.render(w, http.StatusOK, "returns-imported", v)
	}
	e := errs.As(err)
	if e == nil || e.Code != errs.Invalid {
		return err
	}
	switch {
	case len(got.Problems) > 0:
		// The summary leads to the table, which says where each problem is.
		p.Problems = got.Problems
		p.Errors = append(p.Errors, errs.Field{Field: "problems", Message: e.Message})
	case len(e.Fields) > 0:
		p.F.take(err)
	default:
		p.Errors = append(p.Errors, errs.Field{Field: "cin", Message: e.Message})
	}
	return s.render(w, http.StatusUnprocessableEntity, "returns", p)
}

// importForm gathers the form's files: the censuses (field cin) and one
// year's SSDA903 (field ssda903, its year in year), returning the files it
// opened, to be closed when the import is done, and the form's mistakes.
func importForm(r *request, year string) (app.ImportFiles, []multipart.File, errs.Fields) {
	var in app.ImportFiles
	var opened []multipart.File
	var bad errs.Fields
	if r.MultipartForm == nil {
		bad.Add("cin", "Choose the files of a CIN census or an SSDA903 to import")
		return in, nil, bad
	}
	open := func(field string) []app.ImportFile {
		var out []app.ImportFile
		for _, fh := range r.MultipartForm.File[field] {
			if fh.Filename == "" && fh.Size == 0 {
				continue // the box left empty
			}
			f, err := fh.Open()
			if err != nil {
				bad.Add(field, "The file %s could not be read: choose it again", fh.Filename)
				continue
			}
			opened = append(opened, f)
			out = append(out, app.ImportFile{Name: fh.Filename, Body: f})
		}
		return out
	}
	in.Censuses = open("cin")
	if files := open("ssda903"); len(files) > 0 {
		y, err := strconv.Atoi(year)
		if err != nil {
			bad.Add("ssda903_year", "Enter the SSDA903’s collection year, the year it ends in, such as 2023 for 2022 to 2023")
		} else {
			in.SSDA903 = []app.Import903{{Name: fmt.Sprintf("SSDA903 %d", y), Year: y, Files: files}}
		}
	}
	if len(in.Censuses) == 0 && len(in.SSDA903) == 0 && len(bad) == 0 {
		bad.Add("cin", "Choose the files of a CIN census or an SSDA903 to import")
	}
	return in, opened, bad
}

// problemPlace says where in its file a problem is: the row or element,
// and the line of an XML file.
func problemPlace(p load.Problem) string {
	switch {
	case p.Where != "" && p.Line > 0:
		return fmt.Sprintf("%s (line %d)", p.Where, p.Line)
	case p.Line > 0:
		return fmt.Sprintf("line %d", p.Line)
	}
	return p.Where
}
