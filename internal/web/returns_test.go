package web

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http/httptest"
	"testing"
	"time"

	"hearth/internal/app"
)

// TestSendReturnOfSeveralFiles: a return of several files (a folder of CSV
// files) is sent as a zip of them, the same bytes each time, with the
// moment read and not the time of sending.
func TestSendReturnOfSeveralFiles(t *testing.T) {
	at := time.Date(2023, time.May, 15, 22, 59, 59, 999999000, time.UTC)
	r := app.Return{Kind: app.ReturnKind{Name: "folder"}, Year: 2023, RecordedAt: at, Files: []app.ReturnFile{
		{Name: "Header.csv", ContentType: "text/csv", Body: []byte("CHILD,SEX\n1,1\n")},
		{Name: "Episodes.csv", ContentType: "text/csv", Body: []byte("CHILD,DECOM\n1,01/04/2022\n")},
	}}
	send := func() *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		if err := sendReturn(w, r); err != nil {
			t.Fatal(err)
		}
		return w
	}
	first := send()
	if ct, cd := first.Header().Get("Content-Type"), first.Header().Get("Content-Disposition"); ct != "application/zip" || cd != `attachment; filename="folder-2023.zip"` {
		t.Errorf("sent as %q, %q", ct, cd)
	}
	if got := first.Header().Get("Hearth-As-Recorded-At"); got != "2023-05-15T22:59:59.999999Z" {
		t.Errorf("moment %q", got)
	}
	if again := send(); !bytes.Equal(again.Body.Bytes(), first.Body.Bytes()) {
		t.Error("two sends of the same return differ")
	}
	z, err := zip.NewReader(bytes.NewReader(first.Body.Bytes()), int64(first.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(z.File) != 2 {
		t.Fatalf("%d files in the zip", len(z.File))
	}
	for i, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name != r.Files[i].Name || !bytes.Equal(b, r.Files[i].Body) || !f.Modified.Equal(at.Truncate(time.Second)) {
			t.Errorf("file %d: %s modified %s: %q", i, f.Name, f.Modified, b)
		}
	}
}
