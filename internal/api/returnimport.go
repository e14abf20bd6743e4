package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/httpx"
	"hearth/internal/returns/load"
)

// maxImport is the most an import's body may hold, 200 MB: the limit of a
// return's file (cin.MaxXMLSize, ssda903.MaxFileSize), for all its files
// together. A variable so that the tests can try the limit without sending
// 200 MB.
var maxImport int64 = 200 << 20

// importMemory is how much of a multipart import is held in memory; the
// rest of its files wait on disk until they are read.
const importMemory = 32 << 20

// importReturns: POST /api/v1/returns/import, for analysts and
// administrators. The body is one CIN census XML file, or multipart/form-
// data whose parts are census files (each named "cin") and SSDA903 CSV
// files (named "ssda903-2023", for the 903 of 2022-23; or "ssda903" with
// ?year=2023). Everything is imported or nothing: on any problem it answers
// 422 with the API's error and every problem, its file, place, field and
// reason.
func (x *API) importReturns(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	body := &overLimit{r: http.MaxBytesReader(w, r.Body, maxImport)}
	r.Body = body
	var opened []multipart.File
	defer func() {
		for _, f := range opened {
			f.Close()
		}
	}()
	in, err := importBody(r, &opened)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return errs.E(errs.TooLarge, "The files are over %d MB in all: import a return's files of at most that size", maxImport>>20)
		}
		return err
	}
	got, err := x.app.ImportReturns(r.Context(), ac, in)
	if body.hit {
		// The readers report a body cut short as a file that ends too
		// soon; the cause is the limit, which nothing was written past.
		return errs.E(errs.TooLarge, "The files are over %d MB in all: import a return's files of at most that size", maxImport>>20)
	}
	if err != nil && len(got.Problems) > 0 {
		e := errs.As(err)
		body := importProblems{Error: errorBody{Code: e.Code, Message: e.Message, RequestID: httpx.RequestID(r.Context())}, Problems: got.Problems}
		x.writeJSON(w, r, httpx.Status(e.Code), body)
		return nil
	}
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, got)
	return nil
}

// overLimit is a request body that notes whether it reached its limit.
type overLimit struct {
	r   io.ReadCloser
	hit bool
}

func (o *overLimit) Read(p []byte) (int, error) {
	n, err := o.r.Read(p)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		o.hit = true
	}
	return n, err
}

func (o *overLimit) Close() error { return o.r.Close() }

// importProblems is the answer to an import refused for its files' problems.
type importProblems struct {
	Error    errorBody      `json:"error"`
	Problems []load.Problem `json:"problems"`
}

// ssda903Part is the name of a part holding a 903's CSV file, with its year.
var ssda903Part = regexp.MustCompile(`^ssda903(?:-(\d{4}))?$`)

// importBody reads the request's files, adding each it opens to opened.
func importBody(r *http.Request, opened *[]multipart.File) (app.ImportFiles, error) {
	var in app.ImportFiles
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		in.Censuses = []app.ImportFile{{Name: "body", Body: r.Body}}
		return in, nil
	}
	if err := r.ParseMultipartForm(importMemory); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return in, err
		}
		return in, errs.E(errs.Invalid, "The body is not multipart/form-data that can be read: %v", err)
	}
	var f errs.Fields
	sets := map[int]*app.Import903{}
	names := make([]string, 0, len(r.MultipartForm.File))
	for name := range r.MultipartForm.File {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, fh := range r.MultipartForm.File[name] {
			body, err := fh.Open()
			if err != nil {
				return in, fmt.Errorf("api: opening an uploaded file: %w", err)
			}
			*opened = append(*opened, body)
			file := app.ImportFile{Name: fh.Filename, Body: body}
			if name == "cin" {
				in.Censuses = append(in.Censuses, file)
				continue
			}
			m := ssda903Part.FindStringSubmatch(name)
			if m == nil {
				f.Add(name, "Name each file's part cin (a census), or ssda903-YYYY (a 903's CSV file of the year ending in YYYY)")
				continue
			}
			y := m[1]
			if y == "" {
				y = r.URL.Query().Get("year")
			}
			year, err := strconv.Atoi(y)
			if err != nil {
				f.Add(name, "Give the 903's year: name the part ssda903-2023, or add ?year=2023")
				continue
			}
			set, ok := sets[year]
			if !ok {
				set = &app.Import903{Name: fmt.Sprintf("ssda903-%d", year), Year: year}
				sets[year] = set
			}
			file.Name = set.Name + "/" + strings.TrimPrefix(fh.Filename, "/")
			set.Files = append(set.Files, file)
		}
	}
	if err := f.Err(); err != nil {
		return in, err
	}
	years := make([]int, 0, len(sets))
	for y := range sets {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		in.SSDA903 = append(in.SSDA903, *sets[y])
	}
	return in, nil
}
