package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func renderPDFBytes(t *testing.T, d Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := PDF(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pagesInFile is the page count the file declares (the page tree's /Count).
func pagesInFile(t *testing.T, pdf []byte) int {
	t.Helper()
	m := regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("the PDF has no page tree")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// popplerTool finds pdftotext or pdfinfo (Debian's poppler-utils), or skips:
// the tests that read the PDF's text need it, the rest do not.
func popplerTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (apt-get install poppler-utils); the PDF's text is not checked", name)
	}
	return path
}

// pdfPages is the text of each page, as pdftotext reads it.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	tool := popplerTool(t, "pdftotext")
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if pages[len(pages)-1] == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

func TestPDFFile(t *testing.T) {
	pdf := renderPDFBytes(t, sample())
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.")) {
		t.Errorf("the file starts %q", pdf[:min(len(pdf), 8)])
	}
	if !bytes.HasSuffix(bytes.TrimSpace(pdf), []byte("%%EOF")) {
		t.Error("the file does not end with the end-of-file marker")
	}
	if n := pagesInFile(t, pdf); n != 1 {
		t.Errorf("the sample has %d pages, want 1", n)
	}
	// The document's moment, not the clock's, is in the file: the same
	// document gives the same bytes.
	if !bytes.Contains(pdf, []byte("/CreationDate (D:20230428093000")) {
		t.Error("the creation date is not the document's Made")
	}
	for range 20 { // fpdf keeps its fonts in a map: one try could pass by luck
		if again := renderPDFBytes(t, sample()); !bytes.Equal(pdf, again) {
			t.Fatal("the same document rendered twice gave different files")
		}
	}
}

func TestPDFText(t *testing.T) {
	pages := pdfPages(t, renderPDFBytes(t, sample()))
	text := strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
	for _, want := range []string{
		"Transformation programme: board pack",
		"April 2023 – “Families first”", // en dash and curly quotes, through Windows-1252
		"Summary", "Finance: spend by project", "Spend by project, 2022 to 2023", "Spend by month",
		"Spending is £10,812,345.67 against a budget of £11m",
		"£10,812,345.67", "35%", "3,412", "to 31 March 2023",
		"Edge of care: recruit two workers",
		"Family hubs 1,200 £5,123,456.78 87.4% 31 March 2023",
		"Edge of care c -£25.00 102.0%",
		"Total 1,200 £5,123,431.78",
		"Page 1 of 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
}

func TestPDFTitleInMetadata(t *testing.T) {
	tool := popplerTool(t, "pdfinfo")
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, renderPDFBytes(t, sample()), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Title:           Transformation programme: board pack\n",
		"Subject:         April 2023 – “Families first”\n",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
}

// A table longer than a page goes on over as many pages as it needs, each
// with the header row, and every row appears once, in order.
func TestPDFLongTable(t *testing.T) {
	const n = 200
	table := Table{Columns: []Column{{Heading: "Reference", Kind: Text}, {Heading: "Children seen", Kind: Integer}}}
	for i := range n {
		table.Rows = append(table.Rows, []Value{Str(fmt.Sprintf("row-%03d", i)), Int(int64(i))})
	}
	doc := func(rows int) Document {
		t := table
		t.Rows = t.Rows[:rows]
		return Document{Title: "Long", Made: made, Sections: []Section{{Heading: "Visits", Blocks: []Block{t}}}}
	}

	for _, tt := range []struct {
		rows      int
		manyPages bool
	}{{10, false}, {n, true}} {
		laid, err := renderPDF(doc(tt.rows))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := laid.Output(&b); err != nil {
			t.Fatal(err)
		}
		if got := pagesInFile(t, b.Bytes()); got != laid.PageNo() {
			t.Errorf("%d rows: the file has %d pages, the layout %d", tt.rows, got, laid.PageNo())
		}
		if (laid.PageNo() > 1) != tt.manyPages {
			t.Errorf("%d rows take %d pages", tt.rows, laid.PageNo())
		}
	}

	laid, _ := renderPDF(doc(n))
	pages := pdfPages(t, renderPDFBytes(t, doc(n)))
	if len(pages) != laid.PageNo() {
		t.Fatalf("pdftotext read %d pages, the layout made %d", len(pages), laid.PageNo())
	}
	row := regexp.MustCompile(`row-(\d{3})\s+(\d+)`)
	next := 0
	perPage := []int{}
	for i, p := range pages {
		if !regexp.MustCompile(`Reference\s+Children seen`).MatchString(p) {
			t.Errorf("page %d has no header row", i+1)
		}
		if !strings.Contains(p, fmt.Sprintf("Page %d of %d", i+1, len(pages))) {
			t.Errorf("page %d has no page number", i+1)
		}
		count := 0
		for _, m := range row.FindAllStringSubmatch(p, -1) {
			if got, _ := strconv.Atoi(m[1]); got != next || m[2] != strconv.Itoa(next) {
				t.Fatalf("page %d: row %s %s where row %d was due", i+1, m[1], m[2], next)
			}
			next++
			count++
		}
		perPage = append(perPage, count)
	}
	if next != n {
		t.Errorf("%d rows read back, want %d", next, n)
	}
	// Every page but the first (which has the title) and the last is full,
	// and as full as the others.
	for i := 1; i < len(perPage)-1; i++ {
		if perPage[i] != perPage[1] || perPage[i] < perPage[0] {
			t.Errorf("rows per page: %v", perPage)
			break
		}
	}
}

func TestPDFFooterFitsALongTitle(t *testing.T) {
	title := strings.Repeat("A very long title of a report ", 8) + "END"
	pages := pdfPages(t, renderPDFBytes(t, Document{Title: title, Made: made}))
	lines := strings.Split(strings.TrimSpace(pages[0]), "\n")
	footer := strings.Join(strings.Fields(lines[len(lines)-1]), " ")
	if !strings.HasPrefix(footer, "A very long title") || !strings.HasSuffix(footer, "… Page 1 of 1") {
		t.Errorf("footer: %q", footer)
	}
}

func TestPDFText1252(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"£10 – “quoted” ‘and’ …", "\xa310 \x96 \x93quoted\x94 \x91and\x92 \x85"},
		{"€5", "\x805"},
		{"José Müller", "Jos\xe9 M\xfcller"},
		{"Dvořák Erdős", "Dvor\xe1k Erdos"}, // ř and ő are not in Windows-1252: their letters are
		{"Łukasz", "?ukasz"},                // Ł does not decompose
		{"−5", "-5"},                        // the minus sign
		{"a\u2009b", "a b"},                 // a thin space
		{"😀", "?"},
	}
	for _, tt := range tests {
		if got := pdfText(tt.in); got != tt.want {
			t.Errorf("pdfText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A heading never ends a page: one that would start near the foot starts
// the next page. Paragraphs of many lengths put some heading near the foot.
func TestPDFKeepsHeadingsWithTheirContent(t *testing.T) {
	d := Document{Title: "T", Made: made}
	for i := range 40 {
		text := strings.Repeat("A sentence of a paragraph of some length. ", 3+i*7%23)
		d.Sections = append(d.Sections, Section{Heading: fmt.Sprintf("Section %d", i+1), Blocks: []Block{Paragraph{Text: text}}})
	}
	pages := pdfPages(t, renderPDFBytes(t, d))
	if len(pages) < 5 {
		t.Fatalf("%d pages: too few to test", len(pages))
	}
	for i, p := range pages {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, strings.TrimSpace(l))
			}
		}
		// The last line is the footer; the one before it is the page's last text.
		if len(lines) >= 2 && strings.HasPrefix(lines[len(lines)-2], "Section") {
			t.Errorf("page %d ends with a heading", i+1)
		}
	}
}
