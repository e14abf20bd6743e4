package sen2

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"hearth/internal/civil"
	"hearth/internal/people"
)

// MaxXMLSize is the largest file ReadXML reads: 100 MB. A large council's
// return (a few thousand people) is a few megabytes; a file beyond this is
// refused before it can fill the memory.
const MaxXMLSize = 100 << 20

// maxDepth is the deepest nesting ReadXML follows: the return's own
// elements go six deep below <message>; the margin is for elements it does
// not know, which it reports.
const maxDepth = 24

// Problem is one thing wrong with a file: where (the element's path, with
// positions counted from 1 among elements of the same name, and its line
// when known), the field (the element's name), and why. A Problem means the
// file is not a well-formed return (its structure, dates and code lists); a
// Finding of Validate, that a well-formed return breaks one of the
// return's rules.
type Problem struct {
	Path   string `json:"path"` // "/message/persons/person[2]/requests[1]/receiveddate"
	Line   int    `json:"line"` // 0 when not known
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", p.Line, p.Path, p.Reason)
	}
	return p.Path + ": " + p.Reason
}

// ReadXML reads a SEN2 file as WriteXML writes it back into a Return,
// reporting every problem it finds rather than stopping at the first,
// except for malformed XML and a file over MaxXMLSize, after which nothing
// more can be read. A caller loads the file only when there is no problem.
// The header's DateTime comes back in UTC, to the second.
func ReadXML(r io.Reader) (Return, []Problem) { return readXML(r, MaxXMLSize) }

func readXML(r io.Reader, limit int64) (Return, []Problem) {
	cr := &countingReader{r: io.LimitReader(r, limit+1)}
	rd := &reader{dec: xml.NewDecoder(cr), count: cr, limit: limit, seen: map[string]string{}}
	rd.dec.CharsetReader = func(label string, _ io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("the file's encoding is %q; a SEN2 file is UTF-8", label)
	}
	rd.read()
	return rd.ret, rd.problems
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// node is one element with its line, text and children. A person is read
// whole as nodes, turned into a Person and let go, so memory holds one
// person's elements at a time.
type node struct {
	name string
	line int
	text string
	kids []*node
}

type reader struct {
	dec      *xml.Decoder
	count    *countingReader
	limit    int64
	ret      Return
	yearOK   bool
	problems []Problem
	seen     map[string]string // a person's identity to the path of the first with it
}

func (rd *reader) add(path string, line int, field, reason string) {
	rd.problems = append(rd.problems, Problem{Path: path, Line: line, Field: field, Reason: reason})
}

func (rd *reader) line() int {
	l, _ := rd.dec.InputPos()
	return l
}

// fail reports what ends the reading: the size limit or malformed XML.
func (rd *reader) fail(err error) {
	if rd.count.n > rd.limit {
		rd.add("/", 0, "", fmt.Sprintf("the file is larger than %d MB, the most a SEN2 file may be", rd.limit>>20))
		return
	}
	var syn *xml.SyntaxError
	switch {
	case errors.As(err, &syn) && syn.Msg == "unexpected EOF",
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		rd.add("/", rd.line(), "", "the file ends before its last element is closed")
	case errors.As(err, &syn):
		rd.add("/", syn.Line, "", "the file is not well-formed XML: "+syn.Msg)
	default:
		rd.add("/", rd.line(), "", "the file cannot be read as XML: "+err.Error())
	}
}

func (rd *reader) read() {
	var root xml.StartElement
	for {
		tok, err := rd.dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) && rd.count.n <= rd.limit {
				rd.add("/", 0, "message", "the file has no <message> element")
				return
			}
			rd.fail(err)
			return
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
	}
	if root.Name.Local != "message" {
		rd.add("/"+root.Name.Local, rd.line(), root.Name.Local, "the root element is <"+root.Name.Local+">; a SEN2 file's is <message>")
		return
	}
	var sawHeader, sawLA, sawPersons bool
	for {
		tok, err := rd.dec.Token()
		if err != nil {
			rd.fail(err)
			return
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if !sawHeader {
				rd.add("/message/header", 0, "header", "the file has no <header>")
			}
			if !sawPersons {
				rd.add("/message/persons", 0, "persons", "the file has no <persons>")
			}
			rd.trailing()
			return
		case xml.StartElement:
			line := rd.line()
			name := t.Name.Local
			switch name {
			case "header", "lalevel":
				n, err := rd.element(t, line, 1)
				if err != nil {
					rd.fail(err)
					return
				}
				seen := map[string]*bool{"header": &sawHeader, "lalevel": &sawLA}[name]
				if *seen {
					rd.add("/message/"+name, line, name, "the file has more than one <"+name+">")
					continue
				}
				*seen = true
				if name == "header" {
					if sawPersons {
						rd.add("/message/header", line, "header", "<header> comes after <persons>")
					}
					rd.header(n)
				} else {
					rd.laLevel(n)
				}
			case "persons":
				if !sawHeader {
					rd.add("/message/header", line, "header", "the file has no <header> before its <persons>: the year is not known")
				}
				if sawPersons {
					rd.add("/message/persons", line, "persons", "the file has more than one <persons>")
				}
				sawPersons = true
				if !rd.persons() {
					return
				}
			default:
				rd.add("/message/"+name, line, name, "<"+name+"> is not an element of the return")
				if err := rd.dec.Skip(); err != nil {
					rd.fail(err)
					return
				}
			}
		}
	}
}

// trailing reads to the end: only comments, processing instructions and
// white space may follow the root.
func (rd *reader) trailing() {
	for {
		tok, err := rd.dec.Token()
		if errors.Is(err, io.EOF) && rd.count.n <= rd.limit {
			return
		}
		if err != nil {
			rd.fail(err)
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			rd.add("/"+t.Name.Local, rd.line(), t.Name.Local, "the file has a second root element after </message>")
			return
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				rd.add("/", rd.line(), "", "the file has text after </message>")
				return
			}
		}
	}
}

// element reads the element whose start tag was just read as a node.
func (rd *reader) element(start xml.StartElement, line, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("elements are nested more than %d deep", maxDepth)
	}
	n := &node{name: start.Name.Local, line: line}
	var text strings.Builder
	for {
		tok, err := rd.dec.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			k, err := rd.element(t, rd.line(), depth+1)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, k)
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			n.text = strings.TrimSpace(text.String())
			return n, nil
		}
	}
}

// persons reads the people one at a time; false when reading must stop.
func (rd *reader) persons() bool {
	i := 0
	for {
		tok, err := rd.dec.Token()
		if err != nil {
			rd.fail(err)
			return false
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return true
		case xml.StartElement:
			line := rd.line()
			n, err := rd.element(t, line, 2)
			if err != nil {
				rd.fail(err)
				return false
			}
			if t.Name.Local != "person" {
				rd.add("/message/persons/"+t.Name.Local, line, t.Name.Local, "<"+t.Name.Local+"> is not an element of <persons>")
				continue
			}
			i++
			rd.person(n, fmt.Sprintf("/message/persons/person[%d]", i))
		}
	}
}

// fields reads one element's children by name.
type fields struct {
	rd   *reader
	path string
	n    *node
}

// module checks an element's children against the names it may hold:
// a name ending in "*" may repeat. Unknown and repeated ones are reported.
func (rd *reader) module(n *node, path string, known ...string) fields {
	seen := map[string]bool{}
	for _, k := range n.kids {
		switch {
		case has(known, k.name+"*"):
		case !has(known, k.name):
			rd.add(path+"/"+k.name, k.line, k.name, "<"+k.name+"> is not an element of <"+n.name+">")
		case seen[k.name]:
			rd.add(path+"/"+k.name, k.line, k.name, "<"+k.name+"> appears more than once")
		}
		seen[k.name] = true
	}
	if n.text != "" && len(n.kids) > 0 {
		rd.add(path, n.line, n.name, "<"+n.name+"> holds text as well as elements")
	}
	return fields{rd: rd, path: path, n: n}
}

// all returns the children of the name, each with its path.
func (f fields) all(name string) []fields {
	var out []fields
	for _, k := range f.n.kids {
		if k.name == name {
			out = append(out, fields{rd: f.rd, path: fmt.Sprintf("%s/%s[%d]", f.path, name, len(out)+1), n: k})
		}
	}
	return out
}

func (f fields) one(name string) (fields, bool) {
	for _, k := range f.n.kids {
		if k.name == name {
			return fields{rd: f.rd, path: f.path + "/" + name, n: k}, true
		}
	}
	return fields{}, false
}

func (f fields) bad(reason string) { f.rd.add(f.path, f.n.line, f.n.name, reason) }

// text returns the value of the child of the name, "" without one.
func (f fields) text(name string) string {
	v, ok := f.one(name)
	if !ok {
		return ""
	}
	if len(v.n.kids) > 0 {
		v.bad("<" + name + "> holds elements where a value is expected")
	}
	return v.n.text
}

// required is text, reporting a missing or empty element.
func (f fields) required(name string) string {
	if _, ok := f.one(name); !ok {
		f.rd.add(f.path+"/"+name, f.n.line, name, "<"+name+"> is missing")
		return ""
	}
	s := f.text(name)
	if s == "" {
		v, _ := f.one(name)
		v.bad("<" + name + "> is empty")
	}
	return s
}

// date reads yyyy-mm-dd; a date not in the calendar (30 February, 29
// February of a common year) is reported and read as no date.
func (f fields) date(name string) civil.Date {
	s := f.text(name)
	if s == "" {
		return civil.Date{}
	}
	d, ok := civil.ParseDigits(s)
	if !ok {
		v, _ := f.one(name)
		v.bad(fmt.Sprintf("%q is not a date in the calendar written yyyy-mm-dd", truncate(s)))
		return civil.Date{}
	}
	return d
}

// code reads a value that must be on the list.
func (f fields) code(name string, list []string) string {
	s := f.text(name)
	if s != "" && !has(list, s) {
		v, _ := f.one(name)
		v.bad(fmt.Sprintf("%q is not a code of <%s>", truncate(s), name))
		return ""
	}
	return s
}

func (f fields) flag(name string) Flag { return Flag(f.code(name, Flags)) }

// rank reads a placement or need rank: 1 or 2.
func (f fields) rank(name string) int {
	s := f.code(name, []string{"1", "2"})
	n, _ := strconv.Atoi(s)
	return n
}

// notInYear reports a field of the year's version that this year's return
// does not have.
func (f fields) notInYear(y Year, names ...string) {
	for _, name := range names {
		if v, ok := f.one(name); ok {
			v.bad(fmt.Sprintf("<%s> is not in the return of %d (it is from 2025, field list v1.3)", name, y))
		}
	}
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func (rd *reader) header(n *node) {
	h := rd.module(n, "/message/header", "collection", "year", "referencedate", "lea", "softwarecode", "release", "serialno", "datetime")
	if s := h.required("collection"); s != "" && s != "SEN2" {
		v, _ := h.one("collection")
		v.bad(fmt.Sprintf("the collection is %q; a SEN2 file's is SEN2", truncate(s)))
	}
	if s := h.required("year"); s != "" {
		y, err := strconv.Atoi(s)
		v, _ := h.one("year")
		switch {
		case err != nil:
			v.bad(fmt.Sprintf("%q is not a year", truncate(s)))
		case y < int(FirstYear) || y > 9999:
			v.bad(fmt.Sprintf("%d is not a year Hearth reads: the returns from %d", y, FirstYear))
		default:
			rd.ret.Year, rd.yearOK = Year(y), true
		}
	}
	if h.required("referencedate") != "" {
		if ref := h.date("referencedate"); rd.yearOK && !ref.IsZero() && ref != rd.ret.Year.ReferenceDate() {
			v, _ := h.one("referencedate")
			v.bad(fmt.Sprintf("the census day of the return of %d is %s, not %s", rd.ret.Year, rd.ret.Year.ReferenceDate(), ref))
		}
	}
	hd := &rd.ret.Header
	hd.LEA = h.required("lea")
	if hd.LEA != "" && (len(hd.LEA) != 3 || !allDigits(hd.LEA)) {
		v, _ := h.one("lea")
		v.bad(fmt.Sprintf("%q is not a council's three-digit number", truncate(hd.LEA)))
	}
	hd.SoftwareCode = h.text("softwarecode")
	hd.Release = h.text("release")
	hd.SerialNo = h.text("serialno")
	if s := h.text("datetime"); s != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04:05", s, civil.London)
		if err != nil {
			v, _ := h.one("datetime")
			v.bad(fmt.Sprintf("%q is not a date and time written yyyy-mm-ddThh:mm:ss", truncate(s)))
		} else {
			hd.DateTime = t.UTC()
		}
	}
}

func (rd *reader) laLevel(n *node) {
	l := rd.module(n, "/message/lalevel", "dmo", "dco", "dsco")
	if rd.yearOK && !rd.ret.Year.v13() {
		l.notInYear(rd.ret.Year, "dsco")
	}
	rd.ret.Header.DMO, rd.ret.Header.DCO, rd.ret.Header.DSCO = l.text("dmo"), l.text("dco"), l.text("dsco")
}

func (rd *reader) person(n *node, path string) {
	y := rd.ret.Year
	f := rd.module(n, path, "surname", "forename", "personbirthdate", "sex", "ethnicity", "postcode", "upn",
		"uniquelearnernumber", "upnunknown", "requests*")
	p := Person{
		Surname:    f.text("surname"),
		Forename:   f.text("forename"),
		BirthDate:  f.date("personbirthdate"),
		Sex:        f.code("sex", SexCodes),
		Ethnicity:  f.code("ethnicity", people.EthnicityCodes.Codes()),
		Postcode:   f.text("postcode"),
		UPN:        f.text("upn"),
		ULN:        f.text("uniquelearnernumber"),
		UPNUnknown: f.code("upnunknown", UPNUnknownCodes),
	}
	if key := identity(p); key != "" {
		if first, dup := rd.seen[key]; dup {
			f.bad(fmt.Sprintf("the person is also at %s (the same %s)", first, strings.SplitN(key, ":", 2)[0]))
		} else {
			rd.seen[key] = path
		}
	}
	for _, q := range f.all("requests") {
		p.Requests = append(p.Requests, rd.request(q, y))
	}
	if len(p.Requests) == 0 {
		f.bad("<person> has no <requests>")
	}
	rd.ret.Persons = append(rd.ret.Persons, p)
}

// identity is what makes two persons of a return the same person: the UPN,
// else the ULN, else the name with the birth date. "" when the record has
// none of these (which Validate reports).
func identity(p Person) string {
	switch {
	case p.UPN != "":
		return "UPN:" + p.UPN
	case p.ULN != "":
		return "ULN:" + p.ULN
	case p.Surname != "" && !p.BirthDate.IsZero():
		return "name and birth date:" + strings.ToUpper(p.Surname) + "|" + strings.ToUpper(p.Forename) + "|" + p.BirthDate.String()
	}
	return ""
}

func (rd *reader) request(f fields, y Year) Request {
	f = rd.module(f.n, f.path, "receiveddate", "requestsource", "rya", "requestoutcomedate", "requestoutcome",
		"requestmediation", "requesttribunal", "exported", "assessment", "activeplans")
	if rd.yearOK && !y.v13() {
		f.notInYear(y, "requestsource")
	}
	q := Request{
		Received:    f.date("receiveddate"),
		Source:      f.text("requestsource"),
		RYA:         f.flag("rya"),
		OutcomeDate: f.date("requestoutcomedate"),
		Outcome:     f.code("requestoutcome", RequestOutcomes),
		Mediation:   f.flag("requestmediation"),
		Tribunal:    f.flag("requesttribunal"),
		Exported:    f.flag("exported"),
	}
	if a, ok := f.one("assessment"); ok {
		a = rd.module(a.n, a.path, "assessmentoutcome", "assessmentoutcomedate", "assessmentmediation",
			"assessmenttribunal", "othermediation", "othertribunal", "week20", "namedplan")
		x := &Assessment{
			Outcome:        a.code("assessmentoutcome", AssessmentOutcomes),
			OutcomeDate:    a.date("assessmentoutcomedate"),
			Mediation:      a.flag("assessmentmediation"),
			Tribunal:       a.flag("assessmenttribunal"),
			OtherMediation: a.flag("othermediation"),
			OtherTribunal:  a.flag("othertribunal"),
			Week20:         a.flag("week20"),
		}
		if np, ok := a.one("namedplan"); ok {
			np = rd.module(np.n, np.path, "startdate", "planres", "planwbp", "pb", "oa", "dp", "ceasedate",
				"ceasereason", "plandetail*")
			plan := &NamedPlan{
				Start:       np.date("startdate"),
				Res:         np.text("planres"),
				WBP:         np.text("planwbp"),
				PB:          np.flag("pb"),
				OA:          np.flag("oa"),
				DP:          np.flag("dp"),
				CeaseDate:   np.date("ceasedate"),
				CeaseReason: np.code("ceasereason", CeaseReasons),
			}
			for _, s := range np.all("plandetail") {
				plan.Settings = append(plan.Settings, rd.setting(s, false))
			}
			x.Plan = plan
		}
		q.Assessment = x
	}
	if ap, ok := f.one("activeplans"); ok {
		ap = rd.module(ap.n, ap.path, "transferla", "reviewmeeting", "lastreview", "reviewoutcome", "reviewdraft",
			"phasetransferduedate", "phasetransferfinaldate", "placementdetail*", "senneed*")
		if rd.yearOK && !y.v13() {
			ap.notInYear(y, "reviewdraft", "phasetransferduedate", "phasetransferfinaldate")
		}
		x := &ActivePlan{
			TransferLA:         ap.flag("transferla"),
			ReviewMeeting:      ap.date("reviewmeeting"),
			LastReview:         ap.date("lastreview"),
			ReviewOutcome:      ap.code("reviewoutcome", ReviewOutcomes),
			ReviewDraft:        ap.date("reviewdraft"),
			PhaseTransferDue:   ap.date("phasetransferduedate"),
			PhaseTransferFinal: ap.date("phasetransferfinaldate"),
		}
		for _, s := range ap.all("placementdetail") {
			x.Placements = append(x.Placements, rd.setting(s, true))
		}
		for _, s := range ap.all("senneed") {
			s = rd.module(s.n, s.path, "sentype", "sentyperank")
			x.Needs = append(x.Needs, Need{Type: s.code("sentype", SENTypes), Rank: s.rank("sentyperank")})
		}
		q.ActivePlan = x
	}
	return q
}

// setting reads a plandetail (4b) or, with placement, a placementdetail
// (5b), which has the dates and the residential and work-based items too.
func (rd *reader) setting(f fields, placement bool) Setting {
	names := []string{"urn", "ukprn", "sensetting", "sensettingother", "placementrank", "senunitindicator", "resourcedprovisionindicator"}
	if placement {
		names = append(names, "entrydate", "leavingdate", "res", "wbp")
	}
	f = rd.module(f.n, f.path, names...)
	s := Setting{
		URN:                f.text("urn"),
		UKPRN:              f.text("ukprn"),
		SENSetting:         f.code("sensetting", SENSettings),
		SENSettingOther:    f.text("sensettingother"),
		Rank:               f.rank("placementrank"),
		SENUnit:            f.flag("senunitindicator"),
		ResourcedProvision: f.flag("resourcedprovisionindicator"),
	}
	if placement {
		s.Entry, s.Leaving = f.date("entrydate"), f.date("leavingdate")
		s.Res, s.WBP = f.text("res"), f.text("wbp")
	}
	return s
}
