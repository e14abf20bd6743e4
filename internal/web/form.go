package web

import (
	"mime/multipart"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// form helps templates draw inputs with their errors. It points at the page's
// error list so an input shows the error the summary links to. So a page that
// has a form is built and passed by pointer: a copy would leave the form
// pointing at the original, and errors added to one would not reach the other.
type form struct{ page *Page }

func newForm(p *Page) *form { return &form{page: p} }

// Input is what the text-input, select and date-input templates draw.
type Input struct {
	Name, Label, Hint, Value string
	Width                    string
	Type                     string
	Autocomplete             string
	Spellcheck               bool
	Error                    *errs.Field
	Date                     DateValue
	Options                  people.CodeList
}

// Text is a plain text input.
func (f *form) Text(name, label, value string) Input {
	return Input{Name: name, Label: label, Value: value, Error: f.page.ErrorFor(name)}
}

// Short is a text input of a given width (in characters) with a hint.
func (f *form) Short(name, label, value, hint, width string) Input {
	in := f.Text(name, label, value)
	in.Hint, in.Width, in.Spellcheck = hint, width, true
	return in
}

// Password is a password input.
func (f *form) Password(name, label, autocomplete string) Input {
	in := f.Text(name, label, "")
	in.Type, in.Autocomplete = "password", autocomplete
	return in
}

// Select is a drop-down of a code list.
func (f *form) Select(name, label, value string, options people.CodeList) Input {
	in := f.Text(name, label, value)
	in.Options = options
	return in
}

// DateIn is a three-box date input.
func (f *form) DateIn(name, label string, value DateValue) dateInput {
	return dateInput{Name: name, Label: label, Value: value, Error: f.page.ErrorFor(name)}
}

type dateInput struct {
	Name, Label, Hint string
	Value             DateValue
	Error             *errs.Field
}

// Err returns the error for a field, for templates that draw their own inputs.
func (f *form) Err(name string) *errs.Field { return f.page.ErrorFor(name) }

// take adds the fields of a validation or conflict error to the page and
// reports whether it did; other errors are left for the caller to return.
func (f *form) take(err error) bool {
	e := errs.As(err)
	if e == nil || (e.Code != errs.Invalid && e.Code != errs.Conflict) || len(e.Fields) == 0 {
		return false
	}
	f.page.Errors = append(f.page.Errors, e.Fields...)
	return true
}

// takeAs is take for an error whose field the app names appField and this
// page draws as pageField.
func (f *form) takeAs(err error, appField, pageField string) bool {
	if !f.take(err) {
		return false
	}
	for i := range f.page.Errors {
		if f.page.Errors[i].Field == appField {
			f.page.Errors[i].Field = pageField
		}
	}
	return true
}

// DateValue is a date as typed into three boxes, kept as typed so that a
// mistake can be shown back to the person who made it.
type DateValue struct{ Day, Month, Year string }

func dateValueOf(d civil.Date) DateValue {
	if d.IsZero() {
		return DateValue{}
	}
	return DateValue{strconv.Itoa(d.Day), strconv.Itoa(int(d.Month)), strconv.Itoa(d.Year)}
}

// Empty reports whether nothing was typed.
func (v DateValue) Empty() bool { return v.Day == "" && v.Month == "" && v.Year == "" }

// dateValue reads the three boxes named name-day, name-month and name-year.
func dateValue(vals url.Values, name string) DateValue {
	return DateValue{
		Day:   strings.TrimSpace(vals.Get(name + "-day")),
		Month: strings.TrimSpace(vals.Get(name + "-month")),
		Year:  strings.TrimSpace(vals.Get(name + "-year")),
	}
}

// parse turns the boxes into a date. label is the field's name in messages,
// in sentence case ("Date of birth").
func (v DateValue) parse(field, label string, fields *errs.Fields) civil.Date {
	if v.Empty() {
		return civil.Date{}
	}
	var missing []string
	for _, p := range []struct{ name, val string }{{"day", v.Day}, {"month", v.Month}, {"year", v.Year}} {
		if p.val == "" {
			missing = append(missing, p.name)
		}
	}
	if len(missing) > 0 {
		fields.Add(field, "%s must include a %s", label, strings.Join(missing, " and a "))
		return civil.Date{}
	}
	d, err1 := strconv.Atoi(v.Day)
	m, err2 := strconv.Atoi(v.Month)
	y, err3 := strconv.Atoi(v.Year)
	if err1 != nil || err2 != nil || err3 != nil || len(v.Year) != 4 {
		fields.Add(field, "%s must be a real date, with a four-digit year", label)
		return civil.Date{}
	}
	date, err := civil.New(y, time.Month(m), d)
	if err != nil {
		fields.Add(field, "%s must be a real date", label)
		return civil.Date{}
	}
	return date
}

// postedVersion reads the version a form was opened at, at least least (0
// for a setting not yet saved, 1 for a record). A form without one was not
// drawn by Hearth, or is from an old page: the user starts again.
func postedVersion(r *request, least int, what, again string) (int, error) {
	v, err := strconv.Atoi(r.PostForm.Get("version"))
	if err != nil || v < least {
		return 0, errs.E(errs.BadRequest, "The form is missing the version of %s being changed. %s", what, again)
	}
	return v, nil
}

// upload is a file chosen in a form, and its name as the user's machine
// called it (the last element only, for messages).
type upload struct {
	multipart.File
	name string
}

// uploaded returns the file chosen in the form's field, if one was: a
// field left empty sends no file, or a file with no name and nothing in it.
func uploaded(r *request, field string) (upload, bool) {
	if r.MultipartForm == nil {
		return upload{}, false
	}
	f, h, err := r.FormFile(field)
	if err != nil {
		return upload{}, false
	}
	if h.Filename == "" && h.Size == 0 {
		f.Close()
		return upload{}, false
	}
	name := path.Base(strings.ReplaceAll(h.Filename, "\\", "/"))
	if name == "." || name == "/" {
		name = "the file"
	}
	return upload{File: f, name: name}, true
}
