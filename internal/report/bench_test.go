package report

import (
	"fmt"
	"io"
	"testing"
	"time"

	"hearth/internal/civil"
)

// BenchmarkAnnualReport renders the programme's annual report at its
// target size, 30 projects of 36 monthly reports each, in every format.
// The target is under a second for HTML and PDF. On the shared two-core
// development machine (three runs, lightly loaded) it took: HTML 19-20 ms
// (668 kB), PDF 62-80 ms (61 pages, 126 kB; most of its 85 MB of
// allocation is fpdf's new compressor for each page), XLSX 23-25 ms
// (110 kB; 43-47 ms before the sheets were streamed).
//
//	go test -run '^$' -bench . -benchmem ./internal/report
func BenchmarkAnnualReport(b *testing.B) {
	d := longDocument(30, 36)
	for _, f := range []struct {
		name   string
		render func(io.Writer, Document) error
	}{{"HTML", HTML}, {"PDF", PDF}, {"XLSX", XLSX}} {
		b.Run(f.name, func(b *testing.B) {
			var size countingWriter
			for b.Loop() {
				size = 0
				if err := f.render(&size, d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size), "bytes/doc")
		})
	}
}

// BenchmarkAnnexList writes a large authority's Annex A list as a workbook:
// 20,000 rows of 15 columns, a third of them dates. Streamed, 0.50-0.55 s
// (lightly loaded); built in memory and then written, it took 4.1 s.
func BenchmarkAnnexList(b *testing.B) {
	t := Table{}
	for c := range 15 {
		kind := Text
		if c%3 == 1 {
			kind = Date
		}
		t.Columns = append(t.Columns, Column{Heading: fmt.Sprintf("Column %d", c+1), Kind: kind})
	}
	for r := range 20000 {
		row := make([]Value, 15)
		for c := range row {
			if c%3 == 1 {
				row[c] = On(civil.MustNew(2024, time.Month(r%12+1), r%28+1))
			} else {
				row[c] = Str(fmt.Sprintf("C%d-%d", r, c))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	d := Document{Title: "Annex A", Made: made, Sections: []Section{{Heading: "List 1", Tabular: true, Blocks: []Block{t}}}}
	for b.Loop() {
		var w countingWriter
		if err := XLSX(&w, d); err != nil {
			b.Fatal(err)
		}
	}
}
