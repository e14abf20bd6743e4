package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// PDF writes the document as an A4 PDF: the title on the first page, each
// section under its heading (a heading never sits alone at the foot of a
// page), tables across as many pages as they need with their header row
// repeated on each, and the title and "Page n of N" at the foot of every
// page. The title is also the PDF's own title, which screen readers and
// browsers' tabs show.
//
// The text is set in Helvetica, which every PDF reader has, so nothing is
// embedded; Helvetica's encoding here is Windows-1252, which holds "£", "€",
// curly quotes, dashes and the accented letters of western European names.
// A letter outside it is written without its accent when it has one (ő as
// o), and as "?" when it has not (see pdfText).
func PDF(w io.Writer, d Document) error {
	pdf, err := renderPDF(d)
	if err != nil {
		return err
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("report: writing the PDF: %w", err)
	}
	return nil
}

// Page geometry in millimetres, type sizes in points.
const (
	pageMargin  = 20.0
	footerSpace = 12.0 // below the bottom margin's line, for the footer
	bodySize    = 11.0
	tableSize   = 9.5
	cellPad     = 1.5  // left and right of a table cell's text
	rowPad      = 1.2  // above and below a table row's text
	maxColumn   = 60.0 // a column's natural width before it wraps
	keepWithNew = 30.0 // room a heading needs below it, or it starts a new page
)

// lineHeight is the distance between lines of text of a type size, in mm.
func lineHeight(size float64) float64 { return size * 1.35 * 25.4 / 72 }

// GOV.UK colours: text, secondary text, the rule under a table's rows.
var (
	colourText      = [3]int{0x0b, 0x0c, 0x0c}
	colourSecondary = [3]int{0x50, 0x5a, 0x5f}
	colourRule      = [3]int{0xb1, 0xb4, 0xb6}
)

// renderPDF lays the document out; it is apart from PDF so that the tests
// can ask the laid-out document how many pages it has.
func renderPDF(d Document) (*fpdf.Fpdf, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(true, pageMargin+footerSpace)
	pdf.SetCellMargin(cellPad)
	pdf.SetTitle(d.Title, true)
	pdf.SetSubject(d.Subtitle, true)
	pdf.SetCreator("Hearth", true)
	pdf.SetLang("en-GB")
	pdf.SetCreationDate(d.Made)
	pdf.SetModificationDate(d.Made)
	// fpdf lists the fonts in map order unless told to sort them; sorted,
	// the same document always gives the same bytes.
	pdf.SetCatalogSort(true)
	pdf.AliasNbPages("{nb}")
	title := pdfText(d.Title)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-(pageMargin + footerSpace/2))
		pdf.SetFont("Helvetica", "", 8.5)
		setText(pdf, colourSecondary)
		pdf.CellFormat(120, 5, fit(pdf, title, 120-2*cellPad), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
	})

	r := &pdfWriter{pdf: pdf}
	pdf.AddPage()
	r.font("B", 24)
	pdf.MultiCell(0, lineHeight(24), title, "", "L", false)
	if d.Subtitle != "" {
		r.font("", 14)
		setText(pdf, colourSecondary)
		pdf.MultiCell(0, lineHeight(14), pdfText(d.Subtitle), "", "L", false)
	}
	pdf.Ln(6)
	for _, s := range d.Sections {
		r.section(s)
		if pdf.Err() {
			break
		}
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("report: laying out the PDF: %w", err)
	}
	return pdf, nil
}

type pdfWriter struct {
	pdf *fpdf.Fpdf
}

func setText(pdf *fpdf.Fpdf, c [3]int) { pdf.SetTextColor(c[0], c[1], c[2]) }

// font sets Helvetica in a style ("", "B") and size, in the text colour.
func (r *pdfWriter) font(style string, size float64) {
	r.pdf.SetFont("Helvetica", style, size)
	setText(r.pdf, colourText)
}

// width is the printable width of the page.
func (r *pdfWriter) width() float64 {
	w, _ := r.pdf.GetPageSize()
	return w - 2*pageMargin
}

// bottom is the lowest a line may reach before the page breaks.
func (r *pdfWriter) bottom() float64 {
	_, h := r.pdf.GetPageSize()
	return h - pageMargin - footerSpace
}

// need starts a new page unless h millimetres are left on this one.
func (r *pdfWriter) need(h float64) {
	if r.pdf.GetY()+h > r.bottom() {
		r.pdf.AddPage()
	}
}

func (r *pdfWriter) heading(text string, size float64) {
	r.need(keepWithNew)
	r.font("B", size)
	r.pdf.MultiCell(0, lineHeight(size), pdfText(text), "", "L", false)
	r.pdf.Ln(2)
}

func (r *pdfWriter) section(s Section) {
	r.pdf.Ln(4)
	r.heading(s.Heading, 17)
	for _, b := range s.Blocks {
		switch b := b.(type) {
		case Paragraph:
			r.font("", bodySize)
			r.pdf.MultiCell(0, lineHeight(bodySize), pdfText(b.Text), "", "L", false)
		case List:
			r.list(b)
		case KeyFigures:
			r.figures(b)
		case Table:
			r.table(b.Caption, b)
		case Chart:
			r.table(b.Title, b.Data)
		}
		r.pdf.Ln(4)
	}
}

func (r *pdfWriter) list(l List) {
	r.font("", bodySize)
	lh := lineHeight(bodySize)
	for i, item := range l.Items {
		mark := "\x95" // the bullet, in Windows-1252
		if l.Numbered {
			mark = fmt.Sprintf("%d.", i+1)
		}
		r.need(lh)
		r.pdf.SetX(pageMargin + 2)
		r.pdf.CellFormat(7, lh, mark, "", 0, "L", false, 0, "")
		r.pdf.MultiCell(r.width()-9, lh, pdfText(item), "", "L", false)
	}
}

// figures draws key figures two to a row: the label, the value large and
// bold, and the note in the secondary colour.
func (r *pdfWriter) figures(k KeyFigures) {
	pdf := r.pdf
	colW := r.width() / 2
	for i := 0; i < len(k.Figures); i += 2 {
		pair := k.Figures[i:min(i+2, len(k.Figures))]
		// Measure first, so that a pair is never split by a page break.
		h := 0.0
		for _, f := range pair {
			h = max(h, r.figureHeight(f, colW))
		}
		r.need(h)
		top := pdf.GetY()
		for j, f := range pair {
			x := pageMargin + float64(j)*colW
			pdf.SetXY(x, top)
			r.font("", bodySize)
			pdf.MultiCell(colW-4, lineHeight(bodySize), pdfText(f.Label), "", "L", false)
			pdf.SetX(x)
			r.font("B", 18)
			pdf.MultiCell(colW-4, lineHeight(18), pdfText(f.Value.String()), "", "L", false)
			if f.Note != "" {
				pdf.SetX(x)
				pdf.SetFont("Helvetica", "", 9)
				setText(pdf, colourSecondary)
				pdf.MultiCell(colW-4, lineHeight(9), pdfText(f.Note), "", "L", false)
			}
		}
		pdf.SetY(top + h + 3)
	}
}

func (r *pdfWriter) figureHeight(f KeyFigure, w float64) float64 {
	pdf := r.pdf
	lines := func(style string, size float64, s string) float64 {
		pdf.SetFont("Helvetica", style, size)
		return float64(max(len(pdf.SplitLines([]byte(pdfText(s)), w-4)), 1)) * lineHeight(size)
	}
	h := lines("", bodySize, f.Label) + lines("B", 18, f.Value.String())
	if f.Note != "" {
		h += lines("", 9, f.Note)
	}
	return h
}

// pdfRow is a row of a table ready to draw: each cell's lines, and the
// row's height.
type pdfRow struct {
	cells  [][][]byte
	height float64
	bold   bool
}

// table draws a table across the page's width. Each column takes a share of
// the width in proportion to its widest text (up to maxColumn); text that
// does not fit its column wraps. A row that would cross the foot of the page
// starts a new page, which repeats the header row.
func (r *pdfWriter) table(caption string, t Table) {
	pdf := r.pdf
	if caption != "" {
		r.heading(caption, 12.5)
	}
	widths := r.columnWidths(t)
	lh := lineHeight(tableSize)
	row := func(cells []string, bold bool) pdfRow {
		style := ""
		if bold {
			style = "B"
		}
		pdf.SetFont("Helvetica", style, tableSize)
		pr := pdfRow{bold: bold}
		lines := 1
		for c, s := range cells {
			ls := pdf.SplitLines([]byte(pdfText(s)), widths[c])
			pr.cells = append(pr.cells, ls)
			lines = max(lines, len(ls))
		}
		pr.height = float64(lines)*lh + 2*rowPad
		return pr
	}
	texts := func(vs []Value) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = v.String()
		}
		return out
	}
	headings := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		headings[i] = c.Heading
	}
	head := row(headings, true)
	// The header and the first row go on the same page.
	first := head.height
	if len(t.Rows) > 0 {
		first += row(texts(t.Rows[0]), false).height
	}
	r.need(first)
	r.drawRow(t, widths, head, colourText, 0.4)
	for _, cells := range t.Rows {
		pr := row(texts(cells), false)
		if pdf.GetY()+pr.height > r.bottom() {
			pdf.AddPage()
			r.drawRow(t, widths, head, colourText, 0.4)
		}
		r.drawRow(t, widths, pr, colourRule, 0.2)
	}
	if t.Totals != nil {
		pr := row(texts(t.Totals), true)
		if pdf.GetY()+pr.height > r.bottom() {
			pdf.AddPage()
			r.drawRow(t, widths, head, colourText, 0.4)
		}
		// The totals' rule is above them, where a sum's line is drawn.
		y := pdf.GetY()
		pdf.SetDrawColor(colourText[0], colourText[1], colourText[2])
		pdf.SetLineWidth(0.4)
		pdf.Line(pageMargin, y, pageMargin+r.width(), y)
		r.drawRow(t, widths, pr, [3]int{}, 0)
	}
}

// drawRow draws a row's cells, numbers right aligned, and a rule of the
// given colour and weight (0 for none) under it.
func (r *pdfWriter) drawRow(t Table, widths []float64, pr pdfRow, rule [3]int, weight float64) {
	pdf := r.pdf
	style := ""
	if pr.bold {
		style = "B"
	}
	r.font(style, tableSize)
	lh := lineHeight(tableSize)
	top := pdf.GetY()
	x := pageMargin
	for c, lines := range pr.cells {
		align := "L"
		if t.Columns[c].Kind.numeric() {
			align = "R"
		}
		for i, line := range lines {
			pdf.SetXY(x, top+rowPad+float64(i)*lh)
			pdf.CellFormat(widths[c], lh, string(line), "", 0, align, false, 0, "")
		}
		x += widths[c]
	}
	bottom := top + pr.height
	if weight > 0 {
		pdf.SetDrawColor(rule[0], rule[1], rule[2])
		pdf.SetLineWidth(weight)
		pdf.Line(pageMargin, bottom, pageMargin+r.width(), bottom)
	}
	pdf.SetXY(pageMargin, bottom)
}

// columnWidths shares the page's width among the columns. A column asks
// for its widest text (up to maxColumn) and can give way down to the
// widest text it cannot wrap: its longest word, or for numbers and dates
// (which read badly broken) the whole of its widest value. When the
// columns ask for less than the page, each gets a share of the rest in
// proportion; when they ask for more, the columns that can wrap give way
// in proportion to how much they can, so that a long commentary wraps
// rather than squeeze the numbers beside it.
func (r *pdfWriter) columnWidths(t Table) []float64 {
	pdf := r.pdf
	n := len(t.Columns)
	want, least := make([]float64, n), make([]float64, n)
	measure := func(c int, s string) {
		text := pdfText(s)
		want[c] = max(want[c], min(pdf.GetStringWidth(text)+2*cellPad, maxColumn))
		if t.Columns[c].Kind != Text {
			least[c] = max(least[c], pdf.GetStringWidth(text)+2*cellPad)
			return
		}
		for _, word := range strings.Fields(text) {
			least[c] = max(least[c], pdf.GetStringWidth(word)+2*cellPad)
		}
	}
	cells := func(style string, rows ...[]Value) {
		pdf.SetFont("Helvetica", style, tableSize)
		for _, row := range rows {
			for c, v := range row {
				measure(c, v.String())
			}
		}
	}
	pdf.SetFont("Helvetica", "B", tableSize)
	for c, col := range t.Columns {
		// A heading wraps at its spaces, whatever its column's kind.
		for _, word := range strings.Fields(pdfText(col.Heading)) {
			w := pdf.GetStringWidth(word) + 2*cellPad
			want[c], least[c] = max(want[c], w), max(least[c], w)
		}
	}
	if t.Totals != nil {
		cells("B", t.Totals)
	}
	cells("", t.Rows...)

	page := r.width()
	sumWant, sumLeast := 0.0, 0.0
	for c := range n {
		want[c] = max(want[c], least[c], 2*cellPad+1)
		sumWant += want[c]
		sumLeast += least[c]
	}
	widths := make([]float64, n)
	for c := range n {
		switch {
		case sumWant <= page:
			widths[c] = want[c] * page / sumWant
		case sumLeast < page:
			give := (sumWant - page) / (sumWant - sumLeast)
			widths[c] = want[c] - (want[c]-least[c])*give
		default: // nothing fits: every column shrinks alike, and numbers wrap
			widths[c] = least[c] * page / sumLeast
		}
	}
	return widths
}

// fit cuts text (in Windows-1252) to the width in the current font, ending
// it with an ellipsis, so that a long title in the footer cannot run into
// the page number.
func fit(pdf *fpdf.Fpdf, text string, width float64) string {
	if pdf.GetStringWidth(text) <= width {
		return text
	}
	const ellipsis = "\x85"
	for n := len(text) - 1; n > 0; n-- {
		if cut := strings.TrimRight(text[:n], " ") + ellipsis; pdf.GetStringWidth(cut) <= width {
			return cut
		}
	}
	return ellipsis
}

// pdfText is s in Windows-1252, the encoding of the core fonts' glyphs. A
// character it lacks is written as its letter without the accent if
// Unicode decomposes it so (ő, ł does not), else as "?", so that a name is
// at worst spelled without its marks rather than dropped.
func pdfText(s string) string {
	enc := charmap.Windows1252
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 {
			b.WriteByte(byte(r))
			continue
		}
		if c, ok := enc.EncodeRune(r); ok {
			b.WriteByte(c)
			continue
		}
		written := false
		for _, base := range norm.NFD.String(string(r)) {
			if unicode.Is(unicode.Mn, base) {
				continue
			}
			if c, ok := enc.EncodeRune(base); ok {
				b.WriteByte(c)
				written = true
			}
			break
		}
		if !written {
			switch {
			case unicode.IsSpace(r):
				b.WriteByte(' ')
			case r == '\u2212': // the minus sign
				b.WriteByte('-')
			default:
				b.WriteByte('?')
			}
		}
	}
	return b.String()
}
