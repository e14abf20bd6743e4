package cin

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// The census is read from a stream of tokens: start and end tags and text.
// A file is first read by scanner, which knows only the plain XML a census
// is written in and is several times faster than encoding/xml; whatever it
// does not know (a DOCTYPE, CDATA, a character reference, a namespace
// prefix, anything malformed) makes it give up, and the file is read again
// by encoding/xml from the start. So a file either reads as encoding/xml
// would read it, or is read by encoding/xml, whose errors name the problem.

type tokenKind uint8

const (
	tokOther tokenKind = iota // a comment, processing instruction or directive
	tokStart
	tokEnd
	tokText
)

type token struct {
	kind tokenKind
	name string // of a start or end tag, without its namespace
	text []byte // of text, its entities replaced; valid until the next token
}

type tokenizer interface {
	next() (token, error)
	skip() error // to the end of the element whose start was just read
	line() int   // the line the reading has reached
}

// xmlTokens reads tokens with encoding/xml.
type xmlTokens struct{ dec *xml.Decoder }

func (x xmlTokens) next() (token, error) {
	tok, err := x.dec.Token()
	if err != nil {
		return token{}, err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		return token{kind: tokStart, name: t.Name.Local}, nil
	case xml.EndElement:
		return token{kind: tokEnd, name: t.Name.Local}, nil
	case xml.CharData:
		return token{kind: tokText, text: t}, nil
	}
	return token{kind: tokOther}, nil
}

func (x xmlTokens) skip() error { return x.dec.Skip() }

func (x xmlTokens) line() int {
	l, _ := x.dec.InputPos()
	return l
}

// errGiveUp is the scanner's: the file is to be read by encoding/xml.
var errGiveUp = errors.New("the census scanner does not read this file")

// scanner reads a file held in memory. Its lines are counted as
// encoding/xml counts them, to the end of the last token read, so that
// problems name the same lines whichever reads the file.
type scanner struct {
	data      []byte
	pos       int
	ln        int
	open      []string // the elements open, outermost first
	closeNext bool     // the last start tag was <name/>: its end comes next
	names     map[string]string
	buf       []byte // text whose entities were replaced
}

func newScanner(data []byte) *scanner {
	return &scanner{data: data, ln: 1, names: map[string]string{}}
}

func (s *scanner) line() int { return s.ln }

// to moves the reading to i, counting the lines passed.
func (s *scanner) to(i int) {
	s.ln += bytes.Count(s.data[s.pos:i], []byte{'\n'})
	s.pos = i
}

func (s *scanner) skip() error {
	for depth := 1; depth > 0; {
		t, err := s.next()
		if err != nil {
			return err
		}
		switch t.kind {
		case tokStart:
			depth++
		case tokEnd:
			depth--
		}
	}
	return nil
}

func (s *scanner) next() (token, error) {
	if s.closeNext {
		s.closeNext = false
		name := s.open[len(s.open)-1]
		s.open = s.open[:len(s.open)-1]
		return token{kind: tokEnd, name: name}, nil
	}
	if s.pos >= len(s.data) {
		if len(s.open) > 0 {
			return token{}, errGiveUp
		}
		return token{}, io.EOF
	}
	if s.data[s.pos] != '<' {
		return s.text()
	}
	rest := s.data[s.pos+1:]
	switch {
	case len(rest) > 0 && rest[0] == '/':
		return s.endTag()
	case len(rest) > 0 && rest[0] == '?':
		return s.procInst()
	case bytes.HasPrefix(rest, []byte("!--")):
		return s.comment()
	}
	return s.startTag()
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func isNameStart(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' }

func isNameByte(b byte) bool {
	return isNameStart(b) || b >= '0' && b <= '9' || b == '-' || b == '.'
}

// name reads a name of ASCII letters, digits and "_-." from i, returning
// its end, or -1 for any other (a prefixed name among them).
func (s *scanner) name(i int) int {
	if i >= len(s.data) || !isNameStart(s.data[i]) {
		return -1
	}
	for i++; i < len(s.data) && isNameByte(s.data[i]); i++ {
	}
	if i < len(s.data) && (s.data[i] == ':' || s.data[i] >= utf8.RuneSelf) {
		return -1
	}
	return i
}

// intern keeps one string for each tag name: a census repeats a few dozen.
func (s *scanner) intern(b []byte) string {
	if n, ok := s.names[string(b)]; ok {
		return n
	}
	n := string(b)
	s.names[n] = n
	return n
}

func (s *scanner) spaces(i int) int {
	for i < len(s.data) && isSpace(s.data[i]) {
		i++
	}
	return i
}

func (s *scanner) startTag() (token, error) {
	end := s.name(s.pos + 1)
	if end < 0 {
		return token{}, errGiveUp
	}
	name := s.intern(s.data[s.pos+1 : end])
	i := end
	for {
		j := s.spaces(i)
		if j >= len(s.data) {
			return token{}, errGiveUp
		}
		switch s.data[j] {
		case '>':
			s.to(j + 1)
			s.open = append(s.open, name)
			return token{kind: tokStart, name: name}, nil
		case '/':
			if j+1 >= len(s.data) || s.data[j+1] != '>' {
				return token{}, errGiveUp
			}
			s.to(j + 2)
			s.open = append(s.open, name)
			s.closeNext = true
			return token{kind: tokStart, name: name}, nil
		}
		if j == i {
			return token{}, errGiveUp // an attribute not set apart by a space
		}
		if i = s.attribute(j); i < 0 {
			return token{}, errGiveUp
		}
	}
}

// attribute reads name="value" from i (the census's are namespace
// declarations, which the reader does not need), returning its end or -1.
// A value with a reference or a character outside printable ASCII is left
// to encoding/xml.
func (s *scanner) attribute(i int) int {
	for i < len(s.data) && (isNameByte(s.data[i]) || s.data[i] == ':') {
		i++
	}
	i = s.spaces(i)
	if i >= len(s.data) || s.data[i] != '=' {
		return -1
	}
	i = s.spaces(i + 1)
	if i >= len(s.data) || s.data[i] != '"' && s.data[i] != '\'' {
		return -1
	}
	q := s.data[i]
	for i++; i < len(s.data); i++ {
		switch b := s.data[i]; {
		case b == q:
			return i + 1
		case b == '<' || b == '&' || b < ' ' || b >= utf8.RuneSelf:
			return -1
		}
	}
	return -1
}

func (s *scanner) endTag() (token, error) {
	end := s.name(s.pos + 2)
	if end < 0 || len(s.open) == 0 {
		return token{}, errGiveUp
	}
	top := s.open[len(s.open)-1]
	if string(s.data[s.pos+2:end]) != top {
		return token{}, errGiveUp
	}
	i := s.spaces(end)
	if i >= len(s.data) || s.data[i] != '>' {
		return token{}, errGiveUp
	}
	s.to(i + 1)
	s.open = s.open[:len(s.open)-1]
	return token{kind: tokEnd, name: top}, nil
}

// comment reads <!-- ... -->; a "--" within it is left to encoding/xml.
func (s *scanner) comment() (token, error) {
	body := s.pos + 4
	k := bytes.Index(s.data[body:], []byte("--"))
	if k < 0 || body+k+2 >= len(s.data) || s.data[body+k+2] != '>' {
		return token{}, errGiveUp
	}
	s.to(body + k + 3)
	return token{kind: tokOther}, nil
}

// procInst reads <?target ...?>. The XML declaration is read only when it
// declares version 1.0 and UTF-8 (or no encoding) plainly; any other is
// left to encoding/xml, which refuses another encoding by name.
func (s *scanner) procInst() (token, error) {
	end := s.name(s.pos + 2)
	if end < 0 {
		return token{}, errGiveUp
	}
	k := bytes.Index(s.data[end:], []byte("?>"))
	if k < 0 {
		return token{}, errGiveUp
	}
	target := string(s.data[s.pos+2 : end])
	if strings.EqualFold(target, "xml") && !(target == "xml" && plainDeclaration(string(s.data[end:end+k]))) {
		return token{}, errGiveUp
	}
	s.to(end + k + 2)
	return token{kind: tokOther}, nil
}

// plainDeclaration reports whether an XML declaration's content is a list
// of version, encoding and standalone, each quoted and of letters, digits,
// "." and "-", with version 1.0 and encoding UTF-8.
func plainDeclaration(content string) bool {
	for _, f := range strings.Fields(content) {
		k, v, ok := strings.Cut(f, "=")
		if !ok || len(v) < 2 || v[0] != v[len(v)-1] || v[0] != '"' && v[0] != '\'' {
			return false
		}
		v = v[1 : len(v)-1]
		for i := 0; i < len(v); i++ {
			if !isNameByte(v[i]) {
				return false
			}
		}
		switch {
		case k == "version" && v == "1.0", k == "encoding" && strings.EqualFold(v, "utf-8"), k == "standalone":
		default:
			return false
		}
	}
	return true
}

// text reads the text up to the next tag. The five named entities are
// replaced and line ends made line feeds, as encoding/xml does; a
// character reference, "]]>" or a character XML does not allow is left to
// encoding/xml.
func (s *scanner) text() (token, error) {
	start := s.pos
	end := len(s.data)
	if k := bytes.IndexByte(s.data[start:], '<'); k >= 0 {
		end = start + k
	}
	t := s.data[start:end]
	plain := true
	for i := 0; i < len(t); {
		b := t[i]
		switch {
		case b == '&' || b == '\r':
			plain = false
			i++
		case b < ' ' && b != '\t' && b != '\n':
			return token{}, errGiveUp
		case b == '>' && i >= 2 && t[i-1] == ']' && t[i-2] == ']':
			return token{}, errGiveUp
		case b >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(t[i:])
			if r == utf8.RuneError && n <= 1 || !(r >= 0x80 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000) {
				return token{}, errGiveUp
			}
			i += n
		default:
			i++
		}
	}
	if !plain {
		var ok bool
		if t, ok = s.unescape(t); !ok {
			return token{}, errGiveUp
		}
	}
	s.to(end)
	return token{kind: tokText, text: t}, nil
}

var entities = map[string]byte{"lt": '<', "gt": '>', "amp": '&', "apos": '\'', "quot": '"'}

func (s *scanner) unescape(t []byte) ([]byte, bool) {
	s.buf = s.buf[:0]
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\r':
			s.buf = append(s.buf, '\n')
			if i+1 < len(t) && t[i+1] == '\n' {
				i++
			}
		case '&':
			semi := bytes.IndexByte(t[i:], ';')
			if semi < 0 {
				return nil, false
			}
			c, ok := entities[string(t[i+1:i+semi])]
			if !ok {
				return nil, false
			}
			s.buf = append(s.buf, c)
			i += semi
		default:
			s.buf = append(s.buf, t[i])
		}
	}
	return s.buf, true
}
