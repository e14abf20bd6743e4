package sqlstore

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A stored decoder reads a record's body, the JSON json.Marshal wrote for
// it, into its Go type without encoding/json's scanning and reflection per
// value: a long journey's page decodes thousands of records, and
// json.Unmarshal was most of its CPU (about 4 µs a record against well
// under 1 µs here). Its plan of each struct (which key is which field, and
// how each field is read) is made once, from the type and its json tags,
// so a field added to a record is read without a change here.
//
// It reads only what json.Marshal writes, and exactly as json.Unmarshal
// would: anything else (null but for a date or time, a key it does not know or knows twice, a
// number with a fraction or exponent, a string with invalid UTF-8 or a
// control character, bad syntax, a field of a type it has no plan for)
// makes it hand the whole body to json.Unmarshal, so the result is never
// different, only sometimes not faster. A type with any field it cannot
// plan is always decoded by json.Unmarshal (storedDecoder.planned reports
// it, and a test holds journey.Record to it).

// storedDecoder decodes bodies of type T.
type storedDecoder[T any] struct {
	plan *structPlan // nil: T is always decoded by json.Unmarshal
}

func newStoredDecoder[T any]() storedDecoder[T] {
	p, ok := planStruct(reflect.TypeFor[T](), map[reflect.Type]*structPlan{})
	if !ok {
		p = nil
	}
	return storedDecoder[T]{plan: p}
}

// planned reports whether T has a plan (is decoded here at all).
func (d storedDecoder[T]) planned() bool { return d.plan != nil }

// decode reads b as json.Unmarshal would into a zero T.
func (d storedDecoder[T]) decode(b []byte) (T, error) {
	var r T
	err := d.into(b, &r)
	return r, err
}

// into reads b as json.Unmarshal would into *r, which must be zero: a
// record decoded in its place (a return's records, in one slice) is never
// copied on its way there.
func (d storedDecoder[T]) into(b []byte, r *T) error {
	if d.plan != nil {
		s := jsonScan{b: b}
		if s.object(d.plan, reflect.ValueOf(r).Elem()) && s.end() {
			return nil
		}
		*r = *new(T)
	}
	return json.Unmarshal(b, r)
}

// How a field is read.
type fieldOp int

const (
	opString fieldOp = iota
	opBool
	opInt
	opUnmarshaler // the type's own UnmarshalJSON, given the value's text
	opPointer     // a pointer, to a newly made value of elem
	opStruct      // an object, by its plan
	opSlice       // an array, each element by elem
)

type fieldPlan struct {
	op     fieldOp
	index  int         // the field's index in its struct
	elem   *fieldPlan  // of opPointer and opSlice: how the element is read
	object *structPlan // of opStruct
	typ    reflect.Type
}

type structPlan struct {
	keys   map[string]int // a key to its field in fields
	fields []fieldPlan
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// planStruct plans a struct type; false if any of its exported fields is
// of a kind it cannot read (or the struct has more than 64 fields, the
// width of the mask that catches a key given twice).
func planStruct(t reflect.Type, seen map[reflect.Type]*structPlan) (*structPlan, bool) {
	if p, ok := seen[t]; ok {
		return p, p != nil
	}
	if t.Kind() != reflect.Struct || t.NumField() > 64 {
		return nil, false
	}
	p := &structPlan{keys: map[string]int{}}
	seen[t] = p
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			seen[t] = nil
			return nil, false
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		if strings.Contains(","+opts+",", ",string,") {
			seen[t] = nil
			return nil, false
		}
		fp, ok := planValue(f.Type, seen)
		if !ok {
			seen[t] = nil
			return nil, false
		}
		fp.index = i
		p.keys[name] = len(p.fields)
		p.fields = append(p.fields, fp)
	}
	return p, true
}

func planValue(t reflect.Type, seen map[reflect.Type]*structPlan) (fieldPlan, bool) {
	fp := fieldPlan{typ: t}
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		fp.op = opUnmarshaler
		return fp, t.Kind() != reflect.Pointer
	}
	if reflect.PointerTo(t).Implements(textUnmarshaler) || t.Implements(jsonUnmarshaler) || t.Implements(textUnmarshaler) {
		return fp, false
	}
	switch t.Kind() {
	case reflect.String:
		fp.op = opString
	case reflect.Bool:
		fp.op = opBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		fp.op = opInt
	case reflect.Pointer, reflect.Slice:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			return fp, false // []byte is base64 in JSON
		}
		e, ok := planValue(t.Elem(), seen)
		if !ok {
			return fp, false
		}
		fp.op, fp.elem = opPointer, &e
		if t.Kind() == reflect.Slice {
			fp.op = opSlice
		}
	case reflect.Struct:
		p, ok := planStruct(t, seen)
		if !ok {
			return fp, false
		}
		fp.op, fp.object = opStruct, p
	default:
		return fp, false
	}
	return fp, true
}

// jsonScan reads JSON from b at i; its methods report false for anything
// outside what json.Marshal writes, and the caller then falls back.
type jsonScan struct {
	b []byte
	i int
}

func (s *jsonScan) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// end reports whether nothing but space follows.
func (s *jsonScan) end() bool {
	s.space()
	return s.i == len(s.b)
}

func (s *jsonScan) byte(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// object reads an object into v (a struct of plan p).
func (s *jsonScan) object(p *structPlan, v reflect.Value) bool {
	if !s.byte('{') {
		return false
	}
	if s.byte('}') {
		return true
	}
	var got uint64
	for {
		s.space()
		key, ok := s.rawString()
		if !ok {
			return false
		}
		k, ok := p.keys[string(key)]
		if !ok || got&(1<<k) != 0 {
			return false
		}
		got |= 1 << k
		if !s.byte(':') {
			return false
		}
		f := &p.fields[k]
		if !s.value(f, v.Field(f.index)) {
			return false
		}
		if s.byte('}') {
			return true
		}
		if !s.byte(',') {
			return false
		}
	}
}

// value reads one value into v as f says.
func (s *jsonScan) value(f *fieldPlan, v reflect.Value) bool {
	s.space()
	if s.i >= len(s.b) {
		return false
	}
	if s.b[s.i] == 'n' {
		// null: encoding/json gives it to a type that reads itself (a
		// zero date is written as null), and leaves anything else as it
		// was, or for a pointer sets it to nil; those are left to it.
		if f.op != opUnmarshaler || !bytes.HasPrefix(s.b[s.i:], []byte("null")) {
			return false
		}
		s.i += 4
		return s.delimited() && v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(s.b[s.i-4:s.i]) == nil
	}
	switch f.op {
	case opString:
		str, ok := s.str()
		if ok {
			v.SetString(str)
		}
		return ok
	case opBool:
		switch {
		case bytes.HasPrefix(s.b[s.i:], []byte("true")):
			s.i += 4
			v.SetBool(true)
		case bytes.HasPrefix(s.b[s.i:], []byte("false")):
			s.i += 5
			v.SetBool(false)
		default:
			return false
		}
		return s.delimited()
	case opInt:
		n, ok := s.int()
		if !ok || v.OverflowInt(n) {
			return false
		}
		v.SetInt(n)
		return true
	case opUnmarshaler:
		// The types that read themselves (dates and times) are written as
		// strings; given the string's text with its quotes, as
		// encoding/json gives it, and its error is the fallback's too.
		start := s.i
		if _, ok := s.rawString(); !ok {
			return false
		}
		return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(s.b[start:s.i]) == nil
	case opPointer:
		p := reflect.New(f.typ.Elem())
		if !s.value(f.elem, p.Elem()) {
			return false
		}
		v.Set(p)
		return true
	case opStruct:
		return s.object(f.object, v)
	case opSlice:
		if !s.byte('[') {
			return false
		}
		sl := reflect.MakeSlice(f.typ, 0, 0)
		if s.byte(']') {
			v.Set(sl)
			return true
		}
		for {
			e := reflect.New(f.typ.Elem()).Elem()
			if !s.value(f.elem, e) {
				return false
			}
			sl = reflect.Append(sl, e)
			if s.byte(']') {
				v.Set(sl)
				return true
			}
			if !s.byte(',') {
				return false
			}
		}
	}
	return false
}

// delimited reports whether what follows a literal ends it (space, a comma,
// a closing bracket or the end), as "truex" would not.
func (s *jsonScan) delimited() bool {
	if s.i == len(s.b) {
		return true
	}
	switch s.b[s.i] {
	case ' ', '\t', '\n', '\r', ',', '}', ']':
		return true
	}
	return false
}

// rawString reads a string with no escapes, of valid UTF-8 and no control
// characters, and returns its bytes.
func (s *jsonScan) rawString() ([]byte, bool) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, false
	}
	start := s.i + 1
	ascii := true
	for j := start; j < len(s.b); j++ {
		c := s.b[j]
		switch {
		case c == '"':
			if !ascii && !utf8.Valid(s.b[start:j]) {
				return nil, false
			}
			s.i = j + 1
			return s.b[start:j], true
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= 0x80:
			ascii = false
		}
	}
	return nil, false
}

// str reads a string; one with escapes is unescaped by encoding/json.
func (s *jsonScan) str() (string, bool) {
	if raw, ok := s.rawString(); ok {
		return string(raw), true
	}
	start := s.i
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return "", false
	}
	for j := s.i + 1; j < len(s.b); j++ {
		switch s.b[j] {
		case '\\':
			j++
		case '"':
			var out string
			if err := json.Unmarshal(s.b[start:j+1], &out); err != nil {
				return "", false
			}
			s.i = j + 1
			return out, true
		}
	}
	return "", false
}

// int reads an integer as JSON writes one: no fraction, exponent or
// leading zero.
func (s *jsonScan) int() (int64, bool) {
	start := s.i
	j := s.i
	if j < len(s.b) && s.b[j] == '-' {
		j++
	}
	digits := j
	for j < len(s.b) && s.b[j] >= '0' && s.b[j] <= '9' {
		j++
	}
	if j == digits || (s.b[digits] == '0' && j-digits > 1) {
		return 0, false
	}
	s.i = j
	if !s.delimited() {
		return 0, false
	}
	n, err := strconv.ParseInt(string(s.b[start:j]), 10, 64)
	return n, err == nil
}
