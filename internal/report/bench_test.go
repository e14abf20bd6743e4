package report

import (
	"io"
	"testing"
)

// BenchmarkAnnualReport renders the programme's annual report at its
// target size, 30 projects of 36 monthly reports each, in every format.
// The target is under a second for HTML and PDF. On the shared two-core
// development machine (three runs, others' work running beside them) it
// took: HTML 23-36 ms (668 kB), PDF 72-92 ms (61 pages, 126 kB; most of
// its 85 MB of allocation is fpdf's new compressor for each page), XLSX
// 43-47 ms (77 kB).
//
//	go test -run '^$' -bench AnnualReport -benchmem ./internal/report
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
