package web

import (
	"net/http/httptest"
	"testing"
)

// TestWriteCSV: a cell a spreadsheet would run as a formula is written as
// text, a cell already made safe is left as it is, and quotes and commas
// are escaped.
func TestWriteCSV(t *testing.T) {
	w := httptest.NewRecorder()
	if err := writeCSV(w, "register", [][]string{{"family_name", "note"}, {"=HYPERLINK(\"x\")", "'=safe"}, {"O'Brien, Jo", "-1"}}); err != nil {
		t.Fatal(err)
	}
	want := "family_name,note\n\"'=HYPERLINK(\"\"x\"\")\",'=safe\n\"O'Brien, Jo\",'-1\n"
	if got := w.Body.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename="register.csv"` {
		t.Errorf("Content-Disposition %q", cd)
	}
}
