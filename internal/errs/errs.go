// Package errs holds Hearth's one error type. Every layer returns it (or wraps
// it) so that the web and API layers can map an error's kind to a status and a
// message in one place, and so that a field-by-field validation failure reaches
// the user with each field named.
package errs

import (
	"errors"
	"fmt"
)

// Code says what kind of failure an error is.
type Code string

const (
	Invalid         Code = "invalid"           // input broke a rule; Fields says which
	NotFound        Code = "not_found"         // no such record, or not one the user may know of
	Conflict        Code = "conflict"          // stale version, or a unique value already taken
	Unauthenticated Code = "unauthenticated"   // not signed in, or the session or token has ended
	Forbidden       Code = "forbidden"         // signed in but not allowed
	ReasonRequired  Code = "reason_required"   // allowed only once a reason is given (breaking the glass)
	TooMany         Code = "too_many_requests" // throttled
	TooLarge        Code = "too_large"         // request body over the limit
	BadRequest      Code = "bad_request"       // a body that is not the JSON or form expected
	Internal        Code = "internal"          // a fault of ours; details are logged, not shown
)

// Field names one field that broke a rule and says which rule.
type Field struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is an error with a code, a message fit to show a user, and for Invalid
// the list of fields.
type Error struct {
	Code    Code
	Message string
	Fields  []Field
	Err     error // the cause, logged and never shown
}

func (e *Error) Error() string {
	msg := string(e.Code) + ": " + e.Message
	for _, f := range e.Fields {
		msg += "; " + f.Field + ": " + f.Message
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// E makes an error of the given code with a formatted message.
func E(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap makes an Internal error around a cause.
func Wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return &Error{Code: Internal, Message: fmt.Sprintf(format, args...), Err: err}
}

// CodeOf returns the code of the first *Error in err's chain, Internal if there
// is none, and "" for a nil error.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries the given code.
func Is(err error, code Code) bool { return CodeOf(err) == code }

// As returns the first *Error in err's chain, or nil.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Fields collects field errors; its Err method returns nil when there are none,
// so a validator can add as it goes and return list.Err() at the end.
type Fields []Field

// Add records that field broke a rule.
func (f *Fields) Add(field, format string, args ...any) {
	*f = append(*f, Field{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Has reports whether the field already has an error (so a second, less
// useful message for the same field can be skipped).
func (f Fields) Has(field string) bool {
	for _, x := range f {
		if x.Field == field {
			return true
		}
	}
	return false
}

// Err returns an Invalid error listing the fields, or nil if there are none.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: "There is a problem with what was entered", Fields: f}
}
