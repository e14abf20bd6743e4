package report

import (
	"bytes"
	"encoding/xml"
	"html/template"
	"io"
	"strings"
	"testing"
)

// node is an element of the rendered fragment, parsed strictly as XML so
// that a tag left open or closed twice fails the test.
type node struct {
	name, class string
	attrs       map[string]string
	text        string // the text inside, all of it
	kids        []*node
}

func parseFragment(t *testing.T, fragment string) *node {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader("<root>" + fragment + "</root>"))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	var root *node
	stack := []*node{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the HTML is not well formed: %v\n%s", err, fragment)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			n.class = n.attrs["class"]
			if len(stack) == 0 {
				root = n
			} else {
				stack[len(stack)-1].kids = append(stack[len(stack)-1].kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			for _, n := range stack {
				n.text += string(tok)
			}
		}
	}
	return root
}

// find returns the elements under n with the name, in document order.
func (n *node) find(name string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
		out = append(out, k.find(name)...)
	}
	return out
}

func (n *node) squash() string { return strings.Join(strings.Fields(n.text), " ") }

func renderHTML(t *testing.T, d Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHTMLStructure(t *testing.T) {
	root := parseFragment(t, renderHTML(t, sample()))

	var top []string
	for _, k := range root.kids {
		top = append(top, k.name+"."+k.class)
	}
	want := []string{
		"h1.govuk-heading-xl", "p.govuk-body-l",
		"h2.govuk-heading-l", "p.govuk-body", "dl.govuk-summary-list", "ul.govuk-list govuk-list--bullet",
		"h2.govuk-heading-l", "table.govuk-table", "table.govuk-table",
	}
	if strings.Join(top, " ") != strings.Join(want, " ") {
		t.Errorf("the fragment's elements are\n%q, want\n%q", top, want)
	}
	if h := root.find("h2"); len(h) != 2 || h[1].squash() != "Finance: spend by project" {
		t.Errorf("headings: %+v", h)
	}

	rows := root.find("dl")[0].find("div")
	if len(rows) != 3 {
		t.Fatalf("%d key figures, want 3", len(rows))
	}
	if k, v := rows[0].find("dt")[0].squash(), rows[0].find("dd")[0].squash(); k != "Budget spent" || v != "£10,812,345.67 to 31 March 2023" {
		t.Errorf("first key figure: %q, %q", k, v)
	}

	table := root.find("table")[0]
	if c := table.find("caption"); len(c) != 1 || c[0].squash() != "Spend by project, 2022 to 2023" {
		t.Errorf("caption: %+v", c)
	}
	var head []string
	for _, th := range table.find("thead")[0].find("th") {
		if th.attrs["scope"] != "col" {
			t.Errorf("header %q has scope %q", th.squash(), th.attrs["scope"])
		}
		head = append(head, th.squash()+"|"+th.class)
	}
	wantHead := []string{
		"Project|govuk-table__header",
		"Children|govuk-table__header govuk-table__header--numeric",
		"Spent|govuk-table__header govuk-table__header--numeric",
		"Of budget|govuk-table__header govuk-table__header--numeric",
		"Gateway|govuk-table__header",
	}
	if strings.Join(head, "\n") != strings.Join(wantHead, "\n") {
		t.Errorf("header row:\n%s\nwant\n%s", strings.Join(head, "\n"), strings.Join(wantHead, "\n"))
	}
	body := table.find("tbody")[0].find("tr")
	if len(body) != 2 {
		t.Fatalf("%d rows, want 2", len(body))
	}
	var cells []string
	for _, td := range body[0].find("td") {
		cells = append(cells, td.squash())
	}
	if got := strings.Join(cells, "|"); got != "Family hubs|1,200|£5,123,456.78|87.4%|31 March 2023" {
		t.Errorf("first row: %s", got)
	}
	if tm := body[0].find("time"); len(tm) != 1 || tm[0].attrs["datetime"] != "2023-03-31" {
		t.Errorf("the date is not a <time>: %+v", tm)
	}
	foot := table.find("tfoot")
	if len(foot) != 1 {
		t.Fatal("no totals row")
	}
	if th := foot[0].find("th"); len(th) != 1 || th[0].attrs["scope"] != "row" || th[0].squash() != "Total" {
		t.Errorf("totals row header: %+v", th)
	}
	if tds := foot[0].find("td"); len(tds) != 4 || tds[1].squash() != "£5,123,431.78" {
		t.Errorf("totals: %+v", tds)
	}
	// The chart is its table, captioned with its title.
	if c := root.find("table")[1].find("caption"); len(c) != 1 || c[0].squash() != "Spend by month" {
		t.Errorf("chart caption: %+v", c)
	}
	if tables := root.find("table"); len(tables[1].find("tfoot")) != 0 {
		t.Error("a table without totals has a tfoot")
	}
}

func TestHTMLNumberedList(t *testing.T) {
	d := Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{
		List{Items: []string{"one", "two"}, Numbered: true},
	}}}}
	root := parseFragment(t, renderHTML(t, d))
	ol := root.find("ol")
	if len(ol) != 1 || ol[0].class != "govuk-list govuk-list--number" || len(ol[0].find("li")) != 2 {
		t.Errorf("numbered list: %+v", ol)
	}
	if len(root.find("ul")) != 0 {
		t.Error("a numbered list also drew a bulleted one")
	}
}

// Every string of the model reaches the page as text, never as markup.
func TestHTMLEscapesEverything(t *testing.T) {
	const evil = `<script>alert("x")</script>`
	d := Document{
		Title: evil, Subtitle: evil, Made: made,
		Sections: []Section{{Heading: evil, Blocks: []Block{
			Paragraph{Text: evil},
			KeyFigures{Figures: []KeyFigure{{Label: evil, Value: Str(evil), Note: evil}}},
			List{Items: []string{evil}},
			Table{Caption: evil, Columns: []Column{{Heading: evil, Kind: Text}, {Heading: "n", Kind: Integer}},
				Rows: [][]Value{{Str(evil), Str(evil)}}, Totals: []Value{Str(evil), Value{}}},
			Chart{Title: evil, Data: Table{Columns: []Column{{Heading: evil}}, Rows: [][]Value{{Str(evil)}}}},
		}}},
	}
	out := renderHTML(t, d)
	if strings.Contains(out, "<script") {
		t.Fatalf("a <script> came through unescaped:\n%s", out)
	}
	// title, subtitle, heading, paragraph, label, value, note, item,
	// caption, column, two cells, total, chart title, its column, its cell
	const slots = 16
	if n := strings.Count(out, "&lt;script&gt;"); n != slots {
		t.Errorf("%d escaped scripts, want %d", n, slots)
	}
	// And parsed, each slot's text is the string itself.
	root := parseFragment(t, out)
	if got := root.find("h1")[0].squash(); got != evil {
		t.Errorf("the title reads %q", got)
	}
	if got := root.find("td")[0].squash(); got != evil {
		t.Errorf("a cell reads %q", got)
	}
}

// A page embeds the fragment as it is: not escaped a second time.
func TestFragmentEmbeds(t *testing.T) {
	frag, err := Fragment(sample())
	if err != nil {
		t.Fatal(err)
	}
	if string(frag) != renderHTML(t, sample()) {
		t.Error("Fragment differs from HTML")
	}
	page := template.Must(template.New("page").Parse(`<main class="govuk-main-wrapper">{{.}}</main>`))
	var b bytes.Buffer
	if err := page.Execute(&b, frag); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<table class="govuk-table">`) || strings.Contains(b.String(), "&lt;table") {
		t.Errorf("the page escaped the fragment again:\n%.300s", b.String())
	}
	if _, err := Fragment(Document{}); err == nil {
		t.Error("a malformed document made a fragment")
	}
}
