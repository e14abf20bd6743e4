package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

// maxBody is the largest request body the API reads: far more than any
// record needs, small enough that no caller can exhaust memory.
const maxBody = 1 << 20

// decodeBody reads a request's JSON body into v, a pointer to a struct. The
// body must be sent as application/json, be at most maxBody bytes, hold
// exactly one JSON object and use only the fields v has.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	if err := checkContentType(r.Header.Get("Content-Type")); err != nil {
		return err
	}
	return decodeJSON(http.MaxBytesReader(w, r.Body, maxBody), v)
}

func checkContentType(ct string) error {
	mt, params, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" {
		if cs, ok := params["charset"]; !ok || strings.EqualFold(cs, "utf-8") {
			return nil
		}
	}
	return &statusError{
		status: http.StatusUnsupportedMediaType,
		err:    errs.E(errs.BadRequest, "Send the request body as JSON in UTF-8, with the header Content-Type: application/json"),
	}
}

// decodeJSON reads body (already limited in size) into v.
func decodeJSON(body io.Reader, v any) error {
	data, err := io.ReadAll(body)
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return errs.E(errs.TooLarge, "The request body is larger than the limit of %d bytes", maxBody)
		}
		return errs.E(errs.BadRequest, "The request body could not be read")
	}
	return decodeBytes(data, v)
}

// decodeBytes reads one JSON object from data into v, a pointer to a struct.
// On failure it says what is wrong and, where it can, names the field by its
// JSON path: an unknown field, a field name in the wrong case, a field given
// twice or a value of the wrong JSON type is a bad_request; a date or time
// that is not real or not in the expected form is invalid, like any other
// value that breaks a rule.
func decodeBytes(data []byte, v any) error {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return errs.E(errs.BadRequest, "The request body is empty: send a JSON object")
	}
	if trimmed[0] != '{' {
		return errs.E(errs.BadRequest, "The request body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if se, ok := errors.AsType[*json.SyntaxError](err); ok {
			return errs.E(errs.BadRequest, "The request body is not valid JSON: %s (at byte %d)", se.Error(), se.Offset)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return errs.E(errs.BadRequest, "The request body is not valid JSON: it ends before the object does")
		}
		// The JSON is well formed but does not fit v. Find where.
		if e := locate(data, reflect.TypeOf(v).Elem()); e != nil {
			return e
		}
		return errs.E(errs.BadRequest, "The request body does not match what this request expects")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errs.E(errs.BadRequest, "The request body must hold one JSON object and nothing after it")
	}
	// encoding/json matches a key to a field regardless of case, and lets a
	// later copy of a key overwrite an earlier one, so {"Restricted": true}
	// sets restricted and a body can mean one thing to a proxy or a log
	// reader and another to Hearth. (Go 1.26's encoding/json/v2, which
	// matches exactly and refuses duplicates, is still behind
	// GOEXPERIMENT=jsonv2.) The walk that names a refused field also checks
	// every key against its field's exact name, so run it on accepted bodies
	// too; on those it can find nothing else.
	if e := locate(data, reflect.TypeOf(v).Elem()); e != nil {
		return e
	}
	return nil
}

// recordKeys are the members of a request body that hold a record. Field
// names inside them are given relative to the record (date_of_birth, not
// person.date_of_birth), the same names the validation rules use, so that a
// client can match every error to a field of its form in one way.
var recordKeys = map[string]bool{"person": true, "relationship": true, "record": true, "household": true}

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	dateType        = reflect.TypeFor[civil.Date]()
	timeType        = reflect.TypeFor[time.Time]()
)

// locate walks data alongside the type it was to be decoded into and returns
// an error naming the first field that does not fit, or nil if it finds none.
// It runs only after the decoder has refused data, and only on well-formed
// JSON, so it judges values as the decoder does without repeating its work on
// every request.
func locate(data []byte, t reflect.Type) error {
	f := walk(data, t, nil)
	if f == nil {
		return nil
	}
	full := strings.Join(f.path, ".")
	name := full
	if len(f.path) > 1 && recordKeys[f.path[0]] {
		name = strings.Join(f.path[1:], ".")
	}
	if f.code == errs.Invalid {
		var fields errs.Fields
		fields.Add(name, "%s", f.msg)
		return fields.Err()
	}
	msg := "The request body does not fit this request at " + full + ": " + f.msg
	switch {
	case f.unknown:
		msg = "The request body has a field this request does not accept: " + full
	case f.wrongCase:
		msg = "The request body has a field name that is not written exactly as this request expects: " + full
	case f.duplicate:
		msg = "The request body gives a field more than once: " + full
	}
	return &errs.Error{Code: errs.BadRequest, Message: msg, Fields: []errs.Field{{Field: name, Message: f.msg}}}
}

// finding is a value that does not fit its field.
type finding struct {
	path      []string
	code      errs.Code
	msg       string
	unknown   bool
	wrongCase bool
	duplicate bool
}

func walk(raw []byte, t reflect.Type, path []string) *finding {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	null := string(raw) == "null"
	if t.Kind() == reflect.Pointer {
		if null {
			return nil
		}
		return walk(raw, t.Elem(), path)
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		u := reflect.New(t).Interface().(json.Unmarshaler)
		if err := u.UnmarshalJSON(raw); err != nil {
			return &finding{path: path, code: errs.Invalid, msg: valueMessage(t)}
		}
		return nil
	}
	if null {
		return nil // null leaves any other field as it was
	}
	wrong := func(want string) *finding {
		return &finding{path: path, code: errs.BadRequest, msg: "Enter " + want}
	}
	switch t.Kind() {
	case reflect.Struct:
		if raw[0] != '{' {
			return wrong("an object")
		}
		return walkObject(raw, path, func(key string) (reflect.Type, string, match) {
			return fieldOf(t, key)
		})
	case reflect.Map:
		if raw[0] != '{' {
			return wrong("an object")
		}
		return walkObject(raw, path, func(key string) (reflect.Type, string, match) {
			return t.Elem(), key, exact
		})
	case reflect.Slice, reflect.Array:
		if raw[0] != '[' {
			return wrong("a list")
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		if _, err := dec.Token(); err != nil {
			return nil
		}
		for i := 0; dec.More(); i++ {
			var elem json.RawMessage
			if err := dec.Decode(&elem); err != nil {
				return nil
			}
			if f := walk(elem, t.Elem(), append(path[:len(path):len(path)], strconv.Itoa(i))); f != nil {
				return f
			}
		}
	case reflect.String:
		if raw[0] != '"' {
			return wrong("text, in double quotes")
		}
	case reflect.Bool:
		if s := string(raw); s != "true" && s != "false" {
			return wrong("true or false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if _, err := strconv.ParseInt(string(raw), 10, t.Bits()); err != nil {
			return wrong("a whole number")
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if _, err := strconv.ParseUint(string(raw), 10, t.Bits()); err != nil {
			return wrong("a whole number, 0 or more")
		}
	case reflect.Float32, reflect.Float64:
		if raw[0] == '"' || raw[0] == '{' || raw[0] == '[' || raw[0] == 't' || raw[0] == 'f' {
			return wrong("a number")
		}
	}
	return nil
}

// match is how a JSON key matches a struct field's name.
type match int

const (
	noField match = iota
	exact
	otherCase // the same name in other letter cases, which encoding/json accepts
)

// walkObject walks the members of a JSON object, using member to find each
// key's type and canonical name. Findings name a key as the body wrote it.
func walkObject(raw []byte, path []string, member func(key string) (reflect.Type, string, match)) *finding {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil
		}
		ft, name, m := member(key)
		at := append(path[:len(path):len(path)], key)
		switch {
		case m == noField:
			return &finding{path: at, code: errs.BadRequest, msg: "Remove this field: this request does not accept it", unknown: true}
		case m == otherCase:
			return &finding{path: at, code: errs.BadRequest, msg: fmt.Sprintf("Write this field's name as %s: names must match exactly, letter case included", name), wrongCase: true}
		case seen[key]:
			return &finding{path: at, code: errs.BadRequest, msg: "Give this field only once", duplicate: true}
		}
		seen[key] = true
		if f := walk(val, ft, at); f != nil {
			return f
		}
	}
	return nil
}

// fieldOf finds the struct field a JSON key names, the way encoding/json
// does (fields without a tag go by their Go name, those of an untagged
// embedded struct as if they were the outer struct's), and says whether the
// key is the field's name exactly or only in other letter cases.
func fieldOf(t reflect.Type, key string) (reflect.Type, string, match) {
	var foldedType reflect.Type
	var foldedName string
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if tag == "-" {
			continue
		}
		if sf.Anonymous && tag == "" && sf.Type.Kind() == reflect.Struct {
			if ft, name, m := fieldOf(sf.Type, key); m == exact {
				return ft, name, m
			} else if m == otherCase && foldedType == nil {
				foldedType, foldedName = ft, name
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		name := tag
		if name == "" {
			name = sf.Name
		}
		if name == key {
			return sf.Type, name, exact
		}
		if foldedType == nil && strings.EqualFold(name, key) {
			foldedType, foldedName = sf.Type, name
		}
	}
	if foldedType != nil {
		return foldedType, foldedName, otherCase
	}
	return nil, key, noField
}

// valueMessage says what a value of a type decoded by its own UnmarshalJSON
// must look like.
func valueMessage(t reflect.Type) string {
	switch t {
	case dateType:
		return "Enter a real date in the form YYYY-MM-DD, such as 2015-03-27"
	case timeType:
		return "Enter a date and time in RFC 3339 form, such as 2025-03-31T17:00:00Z"
	}
	return fmt.Sprintf("Enter a value of the right form for %s", t.Name())
}
