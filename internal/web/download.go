package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"

	"hearth/internal/errs"
	"hearth/internal/report"
)

// download writes a document as a PDF or workbook named after it, or, for
// no format, leaves the page to draw it.
func (s *Server) download(w http.ResponseWriter, format, name string, d report.Document) (bool, error) {
	var b bytes.Buffer
	var ctype string
	switch format {
	case "":
		return false, nil
	case "pdf":
		ctype = "application/pdf"
		if err := report.PDF(&b, d); err != nil {
			return true, err
		}
	case "xlsx":
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		if err := report.XLSX(&b, d); err != nil {
			return true, err
		}
	default:
		return true, errs.E(errs.NotFound, "There is no download of this kind: choose pdf or xlsx")
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(b.Bytes())
	return true, err
}

// writeCSV writes records as a CSV file named name, which no cache keeps;
// a cell a spreadsheet would run as a formula is written as text
// (report.CSVText, which leaves a cell already made safe as it is).
func writeCSV(w http.ResponseWriter, name string, records [][]string) error {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	for _, rec := range records {
		safe := make([]string, len(rec))
		for i, cell := range rec {
			safe[i] = report.CSVText(cell)
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.csv"`, name))
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(b.Bytes())
	return err
}
