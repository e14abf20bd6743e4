package cin

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"hearth/internal/civil"
	"hearth/internal/people"
)

// MaxXMLSize is the largest census file ReadXML reads: 200 MB. A council's
// return is a few megabytes; ten years of a large council's are well under
// this, and a file beyond it is refused before it can fill the memory.
const MaxXMLSize = 200 << 20

// maxDepth is the deepest nesting ReadXML follows. The census's own
// elements go six deep below <Message>; the margin is for elements it does
// not know, which it reports and passes over.
const maxDepth = 32

// Problem is one thing wrong with a census file: where it is (the element's
// path, with positions counted from 1 among elements of the same name, and
// its line when the file gives one), the field (the element's name), and
// why. A Problem means the file is not a well-formed return (the schema's
// structure, types and code lists); a Finding of Validate, that a
// well-formed return breaks one of the DfE's rules. Both may speak of the
// same element: a file's unknown ethnicity code is a Problem and a finding
// of rule 4220.
type Problem struct {
	Path      string `json:"path"`        // "/Message/Children/Child[3]/CINdetails[1]/CINreferralDate"
	Line      int    `json:"line"`        // 0 when not known
	LAChildID string `json:"la_child_id"` // the child the element belongs to, when known
	Field     string `json:"field"`       // "CINreferralDate"
	Reason    string `json:"reason"`
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", p.Line, p.Path, p.Reason)
	}
	return p.Path + ": " + p.Reason
}

// ReadXML reads a CIN census file in the DfE's XML back into a Census: the
// 2023-24 form with <GenderCurrent> and the form from 2024-25 with <Sex>.
// It reads every child it can and reports every problem it finds rather
// than stopping at the first, except for malformed XML and a file over
// MaxXMLSize, after which nothing more can be read. A caller that imports
// the census loads it only when there is no problem.
//
// Reading gives back what the writer wrote, with three exceptions the
// format imposes: the header's DateTime comes back in UTC, to the second;
// an <AssessmentInternalReviewDate>, which the census does not hold, is
// passed over; and from 2024-25 <Sex> U comes back as 0 (not recorded),
// since U stands for both 0 and 9 (indeterminate).
func ReadXML(r io.Reader) (Census, []Problem) {
	return readXML(r, MaxXMLSize)
}

func readXML(r io.Reader, limit int64) (Census, []Problem) {
	// The file is read into memory once, for the scanner and, should it
	// give up, for encoding/xml.
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(data)) <= limit {
		if c, ps, ok := readScanned(data, limit); ok {
			return c, ps
		}
	}
	return readDecoded(data, err, limit)
}

// readScanned reads the file with the scanner; ok is false when it gave up.
func readScanned(data []byte, limit int64) (c Census, ps []Problem, ok bool) {
	rd := &reader{toks: newScanner(data), size: func() int64 { return int64(len(data)) }}
	rd.read(limit)
	return rd.census, rd.problems, !rd.gaveUp
}

// readDecoded reads the file with encoding/xml: data, then err if the
// reading of the file stopped on one.
func readDecoded(data []byte, err error, limit int64) (Census, []Problem) {
	src := io.Reader(bytes.NewReader(data))
	if err != nil {
		src = io.MultiReader(src, errReader{err})
	}
	cr := &countingReader{r: src}
	dec := xml.NewDecoder(cr)
	// Files are UTF-8, as the DfE asks; one declaring another encoding is
	// refused by name rather than read wrongly.
	dec.CharsetReader = func(label string, _ io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("the file's encoding is %q; a census file is UTF-8", label)
	}
	rd := &reader{toks: xmlTokens{dec}, size: func() int64 { return cr.n }}
	rd.read(limit)
	return rd.census, rd.problems
}

// errReader gives encoding/xml the error that stopped the reading of the
// file, after the bytes read before it.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// node is one element of the file with its line, text and children: a
// child's record is read whole as nodes, turned into a CensusChild, and
// let go, so memory holds one child's elements at a time.
type node struct {
	name string
	line int
	text string
	kids []*node
}

type reader struct {
	toks     tokenizer
	size     func() int64 // the bytes read so far
	gaveUp   bool         // the scanner gave up: the file is to be read again
	text     []byte       // the text of the elements being read
	census   Census
	yearOK   bool
	problems []Problem
	seenIDs  map[string]string // LAchildID to the path of the first child with it
	rules    map[string]Rule   // the year's rules by code, for their code lists
}

// MaxProblems bounds the problems a reading keeps: a file made of nothing
// but faults would otherwise make a report larger than itself.
const MaxProblems = 1000

func (rd *reader) add(path string, line int, child, field, reason string) {
	switch n := len(rd.problems); {
	case n < MaxProblems:
		rd.problems = append(rd.problems, Problem{Path: path, Line: line, LAChildID: child, Field: field, Reason: reason})
	case n == MaxProblems:
		rd.problems = append(rd.problems, Problem{Path: path, Line: line, Reason: fmt.Sprintf("more problems than the first %d listed: mend these and read the file again", MaxProblems)})
	}
}

// line is the line the decoder has reached.
func (rd *reader) line() int { return rd.toks.line() }

// fail reports an error that ends the reading: the size limit, or the
// decoder's own (malformed XML).
func (rd *reader) fail(err error, limit int64) {
	if errors.Is(err, errGiveUp) {
		rd.gaveUp = true
		return
	}
	if rd.size() > limit {
		rd.add("/", 0, "", "", fmt.Sprintf("the file is larger than %s, the most a census file may be", sizeText(limit)))
		return
	}
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		if syn.Msg == "unexpected EOF" {
			rd.add("/", syn.Line, "", "", "the file ends before its last element is closed")
			return
		}
		rd.add("/", syn.Line, "", "", "the file is not well-formed XML: "+syn.Msg)
		return
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		rd.add("/", rd.line(), "", "", "the file ends before its last element is closed")
		return
	}
	rd.add("/", rd.line(), "", "", "the file cannot be read as XML: "+err.Error())
}

// sizeText writes a byte count in MB when it is a whole number of them.
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func (rd *reader) read(limit int64) {
	// The root element.
	var root token
	for {
		tok, err := rd.toks.next()
		if err != nil {
			if errors.Is(err, io.EOF) && rd.size() <= limit {
				rd.add("/", 0, "", "Message", "the file has no <Message> element")
				return
			}
			rd.fail(err, limit)
			return
		}
		if tok.kind == tokStart {
			root = tok
			break
		}
	}
	if root.name != "Message" {
		rd.add("/"+root.name, rd.line(), "", root.name, "the root element is <"+root.name+">; a census file's is <Message>")
		return
	}
	var sawHeader, sawChildren bool
	for {
		tok, err := rd.toks.next()
		if err != nil {
			rd.fail(err, limit)
			return
		}
		switch t := tok; t.kind {
		case tokEnd:
			if !sawChildren {
				rd.add("/Message/Children", 0, "", "Children", "the file has no <Children>")
			}
			rd.trailing(limit)
			return
		case tokStart:
			switch t.name {
			case "Header":
				line := rd.line()
				n, err := rd.element(t, line, 1)
				if err != nil {
					rd.fail(err, limit)
					return
				}
				if sawHeader {
					rd.add("/Message/Header", line, "", "Header", "the file has more than one <Header>")
					continue
				}
				sawHeader = true
				rd.header(n)
			case "Children":
				if !sawHeader {
					rd.add("/Message/Header", rd.line(), "", "Header", "the file has no <Header> before its <Children>: the year is not known")
					sawHeader = true
				}
				if sawChildren {
					rd.add("/Message/Children", rd.line(), "", "Children", "the file has more than one <Children>")
				}
				sawChildren = true
				if !rd.children(limit) {
					return
				}
			default:
				rd.add("/Message/"+t.name, rd.line(), "", t.name, "<"+t.name+"> is not an element of the census")
				if err := rd.toks.skip(); err != nil {
					rd.fail(err, limit)
					return
				}
			}
		}
	}
}

// trailing reads to the end of the file: only comments, processing
// instructions and white space may follow the root.
func (rd *reader) trailing(limit int64) {
	for {
		tok, err := rd.toks.next()
		if errors.Is(err, io.EOF) && rd.size() <= limit {
			return
		}
		if err != nil {
			rd.fail(err, limit)
			return
		}
		switch t := tok; t.kind {
		case tokStart:
			rd.add("/"+t.name, rd.line(), "", t.name, "the file has a second root element after </Message>")
			return
		case tokText:
			if len(bytes.TrimSpace(t.text)) > 0 {
				rd.add("/", rd.line(), "", "", "the file has text after </Message>")
				return
			}
		}
	}
}

// element reads the element whose start tag was just read, with all it
// holds, as a node.
func (rd *reader) element(start token, line, depth int) (*node, error) {
	n := &node{name: start.name, line: line}
	if depth > maxDepth {
		return nil, fmt.Errorf("elements are nested more than %d deep", maxDepth)
	}
	// The element's text is gathered at the end of rd.text, which the
	// elements within it leave as they found it.
	mark := len(rd.text)
	for {
		tok, err := rd.toks.next()
		if err != nil {
			return nil, err
		}
		switch t := tok; t.kind {
		case tokStart:
			k, err := rd.element(t, rd.line(), depth+1)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, k)
		case tokText:
			rd.text = append(rd.text, t.text...)
		case tokEnd:
			n.text = string(bytes.TrimSpace(rd.text[mark:]))
			rd.text = rd.text[:mark]
			return n, nil
		}
	}
}

// children reads the children one at a time. It reports false when the
// reading has to stop.
func (rd *reader) children(limit int64) bool {
	i := 0
	for {
		tok, err := rd.toks.next()
		if err != nil {
			rd.fail(err, limit)
			return false
		}
		switch t := tok; t.kind {
		case tokEnd:
			if i == 0 {
				rd.add("/Message/Children", rd.line(), "", "Child", "<Children> holds no <Child>")
			}
			return true
		case tokStart:
			line := rd.line()
			n, err := rd.element(t, line, 2)
			if err != nil {
				rd.fail(err, limit)
				return false
			}
			if t.name != "Child" {
				rd.add("/Message/Children/"+t.name, line, "", t.name, "<"+t.name+"> is not an element of <Children>")
				continue
			}
			i++
			rd.child(n, fmt.Sprintf("/Message/Children/Child[%d]", i))
		}
	}
}

// fields reads an element's children by name, reporting those the census
// does not have and those that appear more often than the schema allows.
type fields struct {
	rd    *reader
	path  string
	child string // LAchildID, for the problems
	n     *node
}

func (rd *reader) fieldsOf(n *node, path, child string, known ...string) fields {
	f := fields{rd: rd, path: path, child: child, n: n}
	seen := map[string]bool{}
	for _, k := range n.kids {
		switch {
		case contains(known, k.name+"*"):
			// repeatable
		case !contains(known, k.name):
			rd.add(path+"/"+k.name, k.line, child, k.name, "<"+k.name+"> is not an element of <"+n.name+">")
		case seen[k.name]:
			rd.add(path+"/"+k.name, k.line, child, k.name, "<"+k.name+"> appears more than once")
		}
		seen[k.name] = true
	}
	if n.text != "" && len(n.kids) > 0 {
		rd.add(path, n.line, child, n.name, "<"+n.name+"> holds text as well as elements")
	}
	return f
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// all returns the children of the name, each with its path.
func (f fields) all(name string) []fields {
	var out []fields
	for _, k := range f.n.kids {
		if k.name == name {
			out = append(out, fields{rd: f.rd, path: fmt.Sprintf("%s/%s[%d]", f.path, name, len(out)+1), child: f.child, n: k})
		}
	}
	return out
}

// one returns the first child of the name (fieldsOf reports any other);
// ok is false when there is none.
func (f fields) one(name string, required bool) (fields, bool) {
	for _, k := range f.n.kids {
		if k.name == name {
			return fields{rd: f.rd, path: f.path + "/" + name, child: f.child, n: k}, true
		}
	}
	if required {
		f.rd.add(f.path+"/"+name, f.n.line, f.child, name, "<"+name+"> is missing")
	}
	return fields{}, false
}

func (f fields) bad(reason string) {
	f.rd.add(f.path, f.n.line, f.child, f.n.name, reason)
}

// text returns the text of the only child of the name, "" without one.
func (f fields) text(name string, required bool) string {
	v, ok := f.one(name, required)
	if !ok {
		return ""
	}
	if len(v.n.kids) > 0 {
		v.bad("<" + name + "> holds elements where a value is expected")
	}
	if v.n.text == "" && required {
		v.bad("<" + name + "> is empty")
	}
	return v.n.text
}

// date reads a yyyy-mm-dd date; one that is not in the calendar is
// reported and read as no date.
func (f fields) date(name string, required bool) civil.Date {
	v, ok := f.one(name, required)
	if !ok {
		return civil.Date{}
	}
	return v.ownDate(required)
}

func (f fields) ownDate(required bool) civil.Date {
	s := f.n.text
	if s == "" {
		if required {
			f.bad("<" + f.n.name + "> is empty")
		}
		return civil.Date{}
	}
	d, ok := civil.ParseDigits(s)
	if !ok {
		f.bad(fmt.Sprintf("%q is not a date in the calendar written yyyy-mm-dd", truncate(s)))
		return civil.Date{}
	}
	return d
}

// flag reads the schema's yes/no type: true, false, TRUE, FALSE, 1 or 0.
func (f fields) flag(name string) bool {
	v, ok := f.one(name, true)
	if !ok {
		return false
	}
	switch v.n.text {
	case "true", "TRUE", "1":
		return true
	case "false", "FALSE", "0":
		return false
	}
	v.bad(fmt.Sprintf("%q is not true, false, 1 or 0", truncate(v.n.text)))
	return false
}

// code reads a code and reports one that is not on the list.
func (f fields) code(name string, list []string, required bool) string {
	s := f.text(name, required)
	if s != "" && !contains(list, s) {
		v, _ := f.one(name, false)
		v.bad(fmt.Sprintf("%q is not a code of <%s>", truncate(s), name))
	}
	return s
}

// truncate keeps quoted values in problems short whatever the file holds.
func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

func (rd *reader) header(n *node) {
	h := rd.fieldsOf(n, "/Message/Header", "", "CollectionDetails", "Source*")
	if cd, ok := h.one("CollectionDetails", true); ok {
		cd = rd.fieldsOf(cd.n, cd.path, "", "Collection", "Year", "ReferenceDate")
		if s := cd.text("Collection", true); s != "" && s != "CIN" {
			v, _ := cd.one("Collection", false)
			v.bad(fmt.Sprintf("the collection is %q; a CIN census file's is CIN", truncate(s)))
		}
		if s := cd.text("Year", true); s != "" {
			y, err := strconv.Atoi(s)
			v, _ := cd.one("Year", false)
			switch {
			case err != nil:
				v.bad(fmt.Sprintf("%q is not a year", truncate(s)))
			case y < 2000 || y > 9999:
				v.bad(fmt.Sprintf("%d is not a census year", y))
			default:
				rd.census.Year, rd.yearOK = Year(y), true
			}
		}
		if ref := cd.date("ReferenceDate", true); rd.yearOK && !ref.IsZero() && ref != rd.census.Year.ReferenceDate() {
			v, _ := cd.one("ReferenceDate", false)
			v.bad(fmt.Sprintf("the reference date of the census of %d is %s, not %s (rule 100)",
				rd.census.Year, rd.census.Year.ReferenceDate(), ref))
		}
	}
	// The schema allows several <Source>s; a council's return has one,
	// and the first is read.
	src, ok := h.one("Source", true)
	if !ok {
		return
	}
	s := rd.fieldsOf(src.n, src.path, "", "SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime")
	if v := s.text("SourceLevel", false); v != "" && v != "L" {
		sv, _ := s.one("SourceLevel", false)
		sv.bad(fmt.Sprintf("the source level is %q; a council's return's is L", truncate(v)))
	}
	hd := &rd.census.Header
	hd.LEA = s.text("LEA", true)
	if hd.LEA != "" && (len(hd.LEA) != 3 || !allDigits(hd.LEA)) {
		v, _ := s.one("LEA", false)
		v.bad(fmt.Sprintf("%q is not a council's three-digit number", truncate(hd.LEA)))
	}
	hd.SoftwareCode = s.text("SoftwareCode", false)
	hd.Release = s.text("Release", false)
	hd.SerialNo = s.text("SerialNo", false)
	if hd.SerialNo != "" && (len(hd.SerialNo) < 3 || !allDigits(hd.SerialNo)) {
		v, _ := s.one("SerialNo", false)
		v.bad(fmt.Sprintf("%q is not a serial number of three digits or more", truncate(hd.SerialNo)))
	}
	if v := s.text("DateTime", false); v != "" {
		t, err := parseDateTime(v)
		if err != nil {
			dv, _ := s.one("DateTime", false)
			dv.bad(fmt.Sprintf("%q is not a date and time written yyyy-mm-ddThh:mm:ss", truncate(v)))
		} else {
			hd.DateTime = t
		}
	}
}

// parseDateTime reads xs:dateTime: with no zone it is London time, the
// writer's; with one, that zone. The time is returned in UTC.
func parseDateTime(s string) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02T15:04:05", s, civil.London); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

// codes returns the year's code list of a rule, which is the list the
// schema allows for the element the rule checks.
func (rd *reader) codes(rule string) []string {
	if rd.rules == nil {
		rd.rules = map[string]Rule{}
		for _, r := range RulesFor(rd.census.Year) {
			rd.rules[r.Code] = r
		}
	}
	return rd.rules[rule].Codes
}

// upnUnknownCodes are the schema's reasons for having no UPN. Rule
// 8770Q's list leaves out UN1, which the schema allows but the rule does
// not accept for a child of school age.
var upnUnknownCodes = []string{"UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7"}

// oldSex maps the codes of <Sex> from 2024-25 back to the census's (the
// codes of <GenderCurrent>); U, which stands for both 0 and 9, reads as 0.
func oldSex(code string) (string, bool) {
	switch code {
	case "M":
		return "1", true
	case "F":
		return "2", true
	case "U":
		return "0", true
	}
	return code, false
}

func (rd *reader) child(n *node, path string) {
	var ch CensusChild
	top := rd.fieldsOf(n, path, "", "ChildIdentifiers", "ChildCharacteristics", "CINdetails*")
	if ids, ok := top.one("ChildIdentifiers", true); ok {
		// The LAchildID first, so that every problem of the child names it.
		if v, ok := ids.one("LAchildID", false); ok {
			ch.LAChildID = v.n.text
		}
		ids = rd.fieldsOf(ids.n, ids.path, ch.LAChildID, "LAchildID", "UPN", "FormerUPN", "UPNunknown",
			"PersonBirthDate", "ExpectedPersonBirthDate", "GenderCurrent", "Sex", "PersonDeathDate")
		ch.LAChildID = ids.text("LAchildID", true)
		if first, dup := rd.seenIDs[ch.LAChildID]; dup && ch.LAChildID != "" {
			v, _ := ids.one("LAchildID", false)
			v.bad(fmt.Sprintf("LAchildID %q is also the child's at %s", truncate(ch.LAChildID), first))
		} else if ch.LAChildID != "" {
			if rd.seenIDs == nil {
				rd.seenIDs = map[string]string{}
			}
			rd.seenIDs[ch.LAChildID] = path
		}
		ch.UPN = ids.text("UPN", false)
		ch.FormerUPN = ids.text("FormerUPN", false)
		ch.UPNUnknown = ids.code("UPNunknown", upnUnknownCodes, false)
		ch.BirthDate = ids.date("PersonBirthDate", false)
		ch.ExpectedDate = ids.date("ExpectedPersonBirthDate", false)
		ch.Sex = rd.sex(ids)
		ch.DeathDate = ids.date("PersonDeathDate", false)
	}
	top.child = ch.LAChildID
	if chars, ok := top.one("ChildCharacteristics", true); ok {
		chars = rd.fieldsOf(chars.n, chars.path, ch.LAChildID, "Ethnicity", "Disabilities")
		ch.Ethnicity = chars.code("Ethnicity", rd.codes("4220"), true)
		if dis, ok := chars.one("Disabilities", false); ok {
			dis = rd.fieldsOf(dis.n, dis.path, ch.LAChildID, "Disability*")
			list := dis.all("Disability")
			if len(list) == 0 {
				dis.bad("<Disabilities> holds no <Disability>")
			}
			valid := rd.codes("8540")
			for _, d := range list {
				if !contains(valid, d.n.text) {
					d.bad(fmt.Sprintf("%q is not a code of <Disability>", truncate(d.n.text)))
				}
				ch.Disabilities = append(ch.Disabilities, d.n.text)
			}
		}
	}
	for _, e := range top.all("CINdetails") {
		ch.Episodes = append(ch.Episodes, rd.episode(e))
	}
	if len(ch.Episodes) == 0 {
		top.bad("<Child> has no <CINdetails>")
	}
	rd.census.Children = append(rd.census.Children, ch)
}

// sex reads <GenderCurrent> or, from 2024-25, <Sex>, into the census's
// codes. The element of the other form is reported, and read all the same.
func (rd *reader) sex(ids fields) string {
	_, hasOld := ids.one("GenderCurrent", false)
	_, hasNew := ids.one("Sex", false)
	wantNew := rd.census.Year.sexElement()
	switch {
	case hasOld && hasNew:
		ids.bad("the child has both <GenderCurrent> and <Sex>")
	case !hasOld && !hasNew:
		ids.bad(fmt.Sprintf("<%s> is missing", sexField(rd.census.Year)))
		return ""
	case rd.yearOK && hasNew != wantNew:
		which, _ := ids.one(map[bool]string{true: "Sex", false: "GenderCurrent"}[hasNew], false)
		which.bad(fmt.Sprintf("the census of %d names the child's sex <%s>", rd.census.Year, sexField(rd.census.Year)))
	}
	if hasNew {
		s := ids.text("Sex", true)
		code, ok := oldSex(s)
		if !ok && s != "" {
			v, _ := ids.one("Sex", false)
			v.bad(fmt.Sprintf("%q is not a code of <Sex> (M, F or U)", truncate(s)))
		}
		return code
	}
	// The census's own codes are those of <GenderCurrent>.
	return ids.code("GenderCurrent", people.SexCodes.Codes(), true)
}

func (rd *reader) episode(f fields) Episode {
	f = rd.fieldsOf(f.n, f.path, f.child, "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
		"ReasonForClosure", "DateOfInitialCPC", "Assessments*", "CINPlanDates*", "Section47*", "ReferralNFA",
		"ChildProtectionPlans*")
	e := Episode{
		ReferralDate:     f.date("CINreferralDate", true),
		ReferralSource:   f.code("ReferralSource", rd.codes("8866"), true),
		PrimaryNeed:      f.code("PrimaryNeedCode", rd.codes("8650"), false),
		ClosureDate:      f.date("CINclosureDate", false),
		ReasonForClosure: f.code("ReasonForClosure", rd.codes("8640"), false),
		DateOfInitialCPC: f.date("DateOfInitialCPC", false),
		NFA:              f.flag("ReferralNFA"),
	}
	factors := rd.codes("8897Q")
	for _, a := range f.all("Assessments") {
		a = rd.fieldsOf(a.n, a.path, a.child, "AssessmentActualStartDate", "AssessmentInternalReviewDate",
			"AssessmentAuthorisationDate", "FactorsIdentifiedAtAssessment")
		x := Assessment{Start: a.date("AssessmentActualStartDate", true), Authorised: a.date("AssessmentAuthorisationDate", false)}
		a.date("AssessmentInternalReviewDate", false) // checked, not kept
		if fs, ok := a.one("FactorsIdentifiedAtAssessment", false); ok {
			fs = rd.fieldsOf(fs.n, fs.path, fs.child, "AssessmentFactors*")
			list := fs.all("AssessmentFactors")
			if len(list) == 0 {
				fs.bad("<FactorsIdentifiedAtAssessment> holds no <AssessmentFactors>")
			}
			for _, v := range list {
				if !contains(factors, v.n.text) {
					v.bad(fmt.Sprintf("%q is not a code of <AssessmentFactors>", truncate(v.n.text)))
				}
				x.Factors = append(x.Factors, v.n.text)
			}
		}
		e.Assessments = append(e.Assessments, x)
	}
	for _, p := range f.all("CINPlanDates") {
		p = rd.fieldsOf(p.n, p.path, p.child, "CINPlanStartDate", "CINPlanEndDate")
		e.CINPlans = append(e.CINPlans, CINPlan{Start: p.date("CINPlanStartDate", true), End: p.date("CINPlanEndDate", false)})
	}
	for _, s := range f.all("Section47") {
		s = rd.fieldsOf(s.n, s.path, s.child, "S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired")
		e.Section47s = append(e.Section47s, Section47{
			Start:            s.date("S47ActualStartDate", true),
			InitialCPCTarget: s.date("InitialCPCtarget", false),
			DateOfInitialCPC: s.date("DateOfInitialCPC", false),
			ICPCNotRequired:  s.flag("ICPCnotRequired"),
		})
	}
	categories := rd.codes("8905")
	for _, p := range f.all("ChildProtectionPlans") {
		p = rd.fieldsOf(p.n, p.path, p.child, "CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse",
			"LatestCategoryOfAbuse", "NumberOfPreviousCPP", "Reviews")
		x := CPPlan{
			Start:           p.date("CPPstartDate", true),
			End:             p.date("CPPendDate", false),
			InitialCategory: p.code("InitialCategoryOfAbuse", categories, true),
			LatestCategory:  p.code("LatestCategoryOfAbuse", categories, true),
		}
		// Zero is read without a problem although the 2023-24 schema
		// says positiveInteger: rule 8730 allows it (see r8730).
		if s := p.text("NumberOfPreviousCPP", true); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				v, _ := p.one("NumberOfPreviousCPP", false)
				v.bad(fmt.Sprintf("%q is not a number of plans", truncate(s)))
			}
			if err == nil {
				x.PreviousPlans = n
			}
		}
		if rv, ok := p.one("Reviews", false); ok {
			rv = rd.fieldsOf(rv.n, rv.path, rv.child, "CPPreviewDate*")
			list := rv.all("CPPreviewDate")
			if len(list) == 0 {
				rv.bad("<Reviews> holds no <CPPreviewDate>")
			}
			for _, d := range list {
				// An empty review date is kept as no date, for rule 8842Q.
				x.Reviews = append(x.Reviews, d.ownDate(false))
			}
		}
		e.CPPlans = append(e.CPPlans, x)
	}
	return e
}
