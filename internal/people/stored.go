package people

import (
	"bytes"
	"encoding/json"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"hearth/internal/civil"
)

// DecodeStored reads a person as the store keeps one (the JSON json.Marshal
// writes for a Person) and gives exactly what json.Unmarshal would. Bulk reads
// decode hundreds of thousands of bodies, and encoding/json's reflection was
// most of their CPU; this reads the known shape directly. Anything it does not
// expect (a duplicate or differently cased key, a number with a fraction, a
// value of the wrong type, bad syntax, deep nesting) is handed to
// json.Unmarshal, so the result is never different, only sometimes not faster.
//
// It is lenient where json.Unmarshal is (unknown keys are skipped, so older
// and newer versions of a record still read), which is why the API does not
// use it: requests are decoded strictly through encoding/json.
func DecodeStored(b []byte) (Person, error) {
	d := storedDecoder{b: b}
	var p Person
	if d.person(&p) {
		return p, nil
	}
	p = Person{}
	err := json.Unmarshal(b, &p)
	return p, err
}

// storedDecoder reads JSON from b at i. Its methods report false for anything
// outside what they handle; the caller then falls back to json.Unmarshal.
type storedDecoder struct {
	b       []byte
	i       int
	scratch []byte // unescaped strings, reused
}

// maxSkipDepth bounds the nesting of skipped values; deeper ones fall back.
const maxSkipDepth = 200

var (
	personKeys      = []string{"id", "version", "given_name", "family_name", "other_names", "date_of_birth", "expected_date_of_birth", "date_of_death", "sex", "gender", "ethnicity", "first_language", "religion", "disabilities", "identifiers", "addresses", "restricted"}
	otherNameKeys   = []string{"type", "given_name", "family_name"}
	identifiersKeys = []string{"la_child_id", "nhs_number", "upn", "former_upn"}
	addressKeys     = []string{"line1", "line2", "town", "postcode", "ward", "start_date", "end_date"}
)

func (d *storedDecoder) person(p *Person) bool {
	if !d.object(personKeys, func(k int) bool {
		switch k {
		case 0:
			n, ok := d.int()
			p.ID = ID(n)
			return ok
		case 1:
			n, ok := d.int()
			p.Version = int(n)
			return ok
		case 2:
			return d.str(&p.GivenName)
		case 3:
			return d.str(&p.FamilyName)
		case 4:
			return d.otherNames(&p.OtherNames)
		case 5:
			return d.date(&p.DateOfBirth)
		case 6:
			return d.date(&p.ExpectedDateOfBirth)
		case 7:
			return d.date(&p.DateOfDeath)
		case 8:
			return d.str(&p.Sex)
		case 9:
			return d.str(&p.Gender)
		case 10:
			return d.str(&p.Ethnicity)
		case 11:
			return d.str(&p.FirstLanguage)
		case 12:
			return d.str(&p.Religion)
		case 13:
			return d.strings(&p.Disabilities)
		case 14:
			if d.null() {
				return true
			}
			return d.identifiers(&p.Identifiers)
		case 15:
			return d.addresses(&p.Addresses)
		case 16:
			return d.bool(&p.Restricted)
		}
		return false
	}) {
		return false
	}
	d.space()
	return d.i == len(d.b)
}

func (d *storedDecoder) identifiers(id *Identifiers) bool {
	return d.object(identifiersKeys, func(k int) bool {
		switch k {
		case 0:
			return d.str(&id.LAChildID)
		case 1:
			return d.str(&id.NHSNumber)
		case 2:
			return d.str(&id.UPN)
		case 3:
			return d.str(&id.FormerUPN)
		}
		return false
	})
}

func (d *storedDecoder) otherNames(out *[]OtherName) bool {
	return objects(d, out, otherNameKeys, func(n *OtherName, k int) bool {
		switch k {
		case 0:
			return d.str(&n.Type)
		case 1:
			return d.str(&n.GivenName)
		case 2:
			return d.str(&n.FamilyName)
		}
		return false
	})
}

func (d *storedDecoder) addresses(out *[]Address) bool {
	return objects(d, out, addressKeys, func(a *Address, k int) bool {
		switch k {
		case 0:
			return d.str(&a.Line1)
		case 1:
			return d.str(&a.Line2)
		case 2:
			return d.str(&a.Town)
		case 3:
			return d.str(&a.Postcode)
		case 4:
			return d.str(&a.Ward)
		case 5:
			return d.date(&a.StartDate)
		case 6:
			return d.date(&a.EndDate)
		}
		return false
	})
}

// objects reads an array of objects (null elements as zero values, null or
// [] as json.Unmarshal reads them), each field k of keys by field.
func objects[T any](d *storedDecoder, out *[]T, keys []string, field func(v *T, k int) bool) bool {
	return d.array(func() bool {
		var v T
		if !d.null() && !d.object(keys, func(k int) bool { return field(&v, k) }) {
			return false
		}
		*out = append(*out, v)
		return true
	}, func() { *out = []T{} })
}

func (d *storedDecoder) strings(out *[]string) bool {
	return d.array(func() bool {
		var s string
		if !d.str(&s) {
			return false
		}
		*out = append(*out, s)
		return true
	}, func() { *out = []string{} })
}

// space skips JSON whitespace.
func (d *storedDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// peek returns the next byte after whitespace, or 0 at the end.
func (d *storedDecoder) peek() byte {
	d.space()
	if d.i < len(d.b) {
		return d.b[d.i]
	}
	return 0
}

// literal consumes lit if it comes next.
func (d *storedDecoder) literal(lit string) bool {
	if d.peek() == lit[0] && len(d.b)-d.i >= len(lit) && string(d.b[d.i:d.i+len(lit)]) == lit {
		d.i += len(lit)
		return true
	}
	return false
}

// null consumes a null if one comes next. Every field starts at its zero
// value and no key may repeat, so null always leaves the zero value, as
// json.Unmarshal does for these types.
func (d *storedDecoder) null() bool { return d.literal("null") }

// object reads an object whose keys are among keys, calling field with the
// key's index positioned at its value. A repeated key (json.Unmarshal merges
// or overwrites), a key matching one of keys only in case (json.Unmarshal
// matches case-insensitively) or a non-ASCII unknown key (its folding rules
// are Unicode's) is refused; other unknown keys are skipped.
func (d *storedDecoder) object(keys []string, field func(k int) bool) bool {
	if d.peek() != '{' {
		return false
	}
	d.i++
	if d.peek() == '}' {
		d.i++
		return true
	}
	var seen uint32
	for {
		key, ok := d.rawString()
		if !ok || d.peek() != ':' {
			return false
		}
		d.i++
		k := -1
		for j, name := range keys {
			if string(key) == name {
				k = j
				break
			}
		}
		if k < 0 {
			if !unknownKey(key, keys) || !d.skip(0) {
				return false
			}
		} else {
			if seen&(1<<k) != 0 {
				return false
			}
			seen |= 1 << k
			if !field(k) {
				return false
			}
		}
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return true
		default:
			return false
		}
	}
}

// unknownKey reports whether key can be skipped: json.Unmarshal would not
// store it in any field named by keys.
func unknownKey(key []byte, keys []string) bool {
	for _, c := range key {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	for _, name := range keys {
		if bytes.EqualFold(key, []byte(name)) {
			return false
		}
	}
	return true
}

// array reads null (leaving the slice nil) or an array, calling elem for each
// element and empty for [] (json.Unmarshal gives an empty, not nil, slice).
func (d *storedDecoder) array(elem func() bool, empty func()) bool {
	if d.null() {
		return true
	}
	if d.peek() != '[' {
		return false
	}
	d.i++
	if d.peek() == ']' {
		d.i++
		empty()
		return true
	}
	for {
		if !elem() {
			return false
		}
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return true
		default:
			return false
		}
	}
}

// str reads a string or null into s.
func (d *storedDecoder) str(s *string) bool {
	if d.null() {
		return true
	}
	b, ok := d.rawString()
	if ok {
		*s = string(b)
	}
	return ok
}

// bool reads true, false or null.
func (d *storedDecoder) bool(v *bool) bool {
	switch {
	case d.literal("true"):
		*v = true
	case d.literal("false"):
		*v = false
	case d.null():
	default:
		return false
	}
	return true
}

// int reads an integer in int64's range; a fraction, an exponent or a larger
// number is left to json.Unmarshal (which refuses them for these fields).
func (d *storedDecoder) int() (int64, bool) {
	if d.null() {
		return 0, true
	}
	neg := false
	if d.i < len(d.b) && d.b[d.i] == '-' {
		neg = true
		d.i++
	}
	start := d.i
	var n uint64 // 19 digits cannot overflow it
	for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
		n = n*10 + uint64(d.b[d.i]-'0')
		d.i++
	}
	digits := d.i - start
	if digits == 0 || digits > 19 || (digits > 1 && d.b[start] == '0') {
		return 0, false
	}
	if d.i < len(d.b) {
		switch d.b[d.i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	if neg {
		if n > 1<<63 {
			return 0, false
		}
		return int64(-n), true
	}
	if n > 1<<63-1 {
		return 0, false
	}
	return int64(n), true
}

// date reads a civil.Date as its UnmarshalJSON does: null or "" is the zero
// date, anything else must parse.
func (d *storedDecoder) date(v *civil.Date) bool {
	if d.null() {
		return true
	}
	b, ok := d.rawString()
	if !ok {
		return false
	}
	if len(b) == 0 {
		return true
	}
	if p, ok := civil.ParseDigits(b); ok {
		*v = p
		return true
	}
	p, err := civil.Parse(string(b))
	if err != nil {
		return false
	}
	*v = p
	return true
}

// rawString reads a string and returns its unescaped bytes, which stay valid
// only until the next string is read. Invalid UTF-8 and lone surrogates become
// U+FFFD, as json.Unmarshal makes them.
func (d *storedDecoder) rawString() ([]byte, bool) {
	if d.peek() != '"' {
		return nil, false
	}
	d.i++
	start := d.i
	for d.i < len(d.b) {
		c := d.b[d.i]
		if c == '"' {
			d.i++
			return d.b[start : d.i-1], true
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		d.i++
	}
	// The slow path: escapes or non-ASCII text.
	out := append(d.scratch[:0], d.b[start:d.i]...)
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			d.scratch = out
			return out, true
		case c < 0x20:
			return nil, false
		case c < utf8.RuneSelf && c != '\\':
			out = append(out, c)
			d.i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(d.b[d.i:])
			if r == utf8.RuneError && size == 1 {
				r = unicode.ReplacementChar
			}
			out = utf8.AppendRune(out, r)
			d.i += size
		default: // a backslash
			if d.i+1 >= len(d.b) {
				return nil, false
			}
			e := d.b[d.i+1]
			d.i += 2
			switch e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r := hex4(d.b[d.i-2:])
				if r < 0 {
					return nil, false
				}
				d.i += 4
				if utf16.IsSurrogate(r) {
					if dec := utf16.DecodeRune(r, hex4(d.b[d.i:])); dec != unicode.ReplacementChar {
						d.i += 6
						out = utf8.AppendRune(out, dec)
						break
					}
					r = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, r)
			default:
				return nil, false
			}
		}
	}
	return nil, false
}

// hex4 reads \uXXXX at the start of b, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// skip reads and checks one value of any kind, keeping nothing.
func (d *storedDecoder) skip(depth int) bool {
	if depth > maxSkipDepth {
		return false
	}
	switch c := d.peek(); c {
	case '"':
		_, ok := d.rawString()
		return ok
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.null()
	case '{':
		d.i++
		if d.peek() == '}' {
			d.i++
			return true
		}
		for {
			if _, ok := d.rawString(); !ok || d.peek() != ':' {
				return false
			}
			d.i++
			if !d.skip(depth + 1) {
				return false
			}
			switch d.peek() {
			case ',':
				d.i++
			case '}':
				d.i++
				return true
			default:
				return false
			}
		}
	case '[':
		d.i++
		if d.peek() == ']' {
			d.i++
			return true
		}
		for {
			if !d.skip(depth + 1) {
				return false
			}
			switch d.peek() {
			case ',':
				d.i++
			case ']':
				d.i++
				return true
			default:
				return false
			}
		}
	default:
		return d.number()
	}
}

// number reads a JSON number of any form.
func (d *storedDecoder) number() bool {
	b, i := d.b, d.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	d.i = i
	return true
}
