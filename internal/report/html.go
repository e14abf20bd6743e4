package report

import (
	"html/template"
	"io"
	"strings"
)

// HTML writes the document as a fragment of GOV.UK Design System markup for
// a page to embed (inside its main column): the title as the h1, each
// section an h2, key figures as a summary list, tables as govuk-table with
// numbers right aligned. html/template escapes every string.
func HTML(w io.Writer, d Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	view := htmlDoc{Title: d.Title, Subtitle: d.Subtitle}
	for _, s := range d.Sections {
		hs := htmlSection{Heading: s.Heading}
		for _, b := range s.Blocks {
			hs.Blocks = append(hs.Blocks, htmlBlockOf(b))
		}
		view.Sections = append(view.Sections, hs)
	}
	return htmlTemplate.Execute(w, view)
}

// Fragment is HTML's output as template.HTML, for a page's template to
// embed as a value ({{.Report}}) without escaping it again. Marking it safe
// is sound because html/template wrote it and escaped every string in it.
func Fragment(d Document) (template.HTML, error) {
	var b strings.Builder
	if err := HTML(&b, d); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// The view is the document with every value already written as text and
// every cell told its alignment, so that the template only lays it out.
type htmlDoc struct {
	Title, Subtitle string
	Sections        []htmlSection
}

type htmlSection struct {
	Heading string
	Blocks  []htmlBlock
}

// htmlBlock has exactly one of its fields set.
type htmlBlock struct {
	Paragraph string
	Figures   []htmlFigure
	Table     *htmlTable
	List      *List
}

type htmlFigure struct{ Label, Value, Note string }

type htmlTable struct {
	Caption string
	Head    []htmlCell
	Rows    [][]htmlCell
	Totals  []htmlCell
}

type htmlCell struct {
	Text    string
	Numeric bool
	ISO     string // a date's YYYY-MM-DD, for <time datetime>
}

func htmlBlockOf(b Block) htmlBlock {
	switch b := b.(type) {
	case Paragraph:
		return htmlBlock{Paragraph: b.Text}
	case KeyFigures:
		var fs []htmlFigure
		for _, f := range b.Figures {
			fs = append(fs, htmlFigure{f.Label, f.Value.String(), f.Note})
		}
		return htmlBlock{Figures: fs}
	case Table:
		return htmlBlock{Table: htmlTableOf(b.Caption, b)}
	case Chart:
		return htmlBlock{Table: htmlTableOf(b.Title, b.Data)}
	case List:
		return htmlBlock{List: &b}
	}
	return htmlBlock{} // Validate admits no other block
}

func htmlTableOf(caption string, t Table) *htmlTable {
	ht := &htmlTable{Caption: caption}
	for _, c := range t.Columns {
		ht.Head = append(ht.Head, htmlCell{Text: c.Heading, Numeric: c.Kind.numeric()})
	}
	cells := func(row []Value) []htmlCell {
		out := make([]htmlCell, len(row))
		for i, v := range row {
			out[i] = htmlCell{Text: v.String(), Numeric: t.Columns[i].Kind.numeric()}
			if v.kind == Date && !v.IsBlank() {
				out[i].ISO = v.date.String()
			}
		}
		return out
	}
	for _, r := range t.Rows {
		ht.Rows = append(ht.Rows, cells(r))
	}
	if t.Totals != nil {
		ht.Totals = cells(t.Totals)
	}
	return ht
}

// The totals row is a tfoot whose first cell heads the row ("Total"), in
// bold: GOV.UK Frontend has no footer style of its own.
var htmlTemplate = template.Must(template.New("report").Parse(`
{{- define "cell" -}}
{{if .ISO}}<time datetime="{{.ISO}}">{{.Text}}</time>{{else}}{{.Text}}{{end}}
{{- end -}}
<h1 class="govuk-heading-xl">{{.Title}}</h1>
{{- if .Subtitle}}
<p class="govuk-body-l">{{.Subtitle}}</p>
{{- end}}
{{- range .Sections}}
<h2 class="govuk-heading-l">{{.Heading}}</h2>
{{- range .Blocks}}
{{- if .Paragraph}}
<p class="govuk-body">{{.Paragraph}}</p>
{{- else if .Figures}}
<dl class="govuk-summary-list">
{{- range .Figures}}
  <div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">{{.Label}}</dt>
    <dd class="govuk-summary-list__value">
      <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{{.Value}}</p>
      {{- if .Note}}
      <p class="govuk-body-s govuk-!-margin-bottom-0">{{.Note}}</p>
      {{- end}}
    </dd>
  </div>
{{- end}}
</dl>
{{- else if .Table}}{{with .Table}}
<table class="govuk-table">
  {{- if .Caption}}
  <caption class="govuk-table__caption govuk-table__caption--m">{{.Caption}}</caption>
  {{- end}}
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      {{- range .Head}}
      <th scope="col" class="govuk-table__header{{if .Numeric}} govuk-table__header--numeric{{end}}">{{.Text}}</th>
      {{- end}}
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    {{- range .Rows}}
    <tr class="govuk-table__row">
      {{- range .}}
      <td class="govuk-table__cell{{if .Numeric}} govuk-table__cell--numeric{{end}}">{{template "cell" .}}</td>
      {{- end}}
    </tr>
    {{- end}}
  </tbody>
  {{- if .Totals}}
  <tfoot>
    <tr class="govuk-table__row">
      {{- range $i, $c := .Totals}}
      {{- if eq $i 0}}
      <th scope="row" class="govuk-table__header{{if .Numeric}} govuk-table__header--numeric{{end}}">{{template "cell" .}}</th>
      {{- else}}
      <td class="govuk-table__cell govuk-!-font-weight-bold{{if .Numeric}} govuk-table__cell--numeric{{end}}">{{template "cell" .}}</td>
      {{- end}}
      {{- end}}
    </tr>
  </tfoot>
  {{- end}}
</table>
{{- end}}
{{- else if .List}}{{with .List}}
{{- if .Numbered}}
<ol class="govuk-list govuk-list--number">
{{- else}}
<ul class="govuk-list govuk-list--bullet">
{{- end}}
  {{- range .Items}}
  <li>{{.}}</li>
  {{- end}}
{{if .Numbered}}</ol>{{else}}</ul>{{end}}
{{- end}}
{{- end}}
{{- end}}
{{- end}}
`))
