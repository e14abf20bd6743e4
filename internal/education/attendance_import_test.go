package education

import (
	"fmt"
	"strings"
	"testing"

	"hearth/internal/errs"
	"hearth/internal/people"
)

func upn(t testing.TB, serial int) string {
	t.Helper()
	rest := fmt.Sprintf("3304%08d", serial)
	c, ok := people.UPNCheckLetter(rest)
	if !ok {
		t.Fatalf("no check letter for %s", rest)
	}
	return string(c) + rest
}

func TestReadAttendance(t *testing.T) {
	a, b := upn(t, 1), upn(t, 2)
	file := "UPN,URN,From,To,/,\\,I,G,D\n" +
		a + ",103234,2024-09-02,2024-12-20,70,68,4,2,\n" +
		strings.ToLower(b) + ",103234,2024-09-02,2024-12-20,60,60,,,20\n"
	got, err := ReadAttendance(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("read %d rows", len(got))
	}
	if got[0].Summary != (Attendance{Possible: 144, Attended: 138, Authorised: 4, Unauthorised: 2}) {
		t.Errorf("first pupil: %+v", got[0].Summary)
	}
	if got[1].UPN != b || got[1].Summary != (Attendance{Possible: 120, Attended: 120}) || got[1].Row != 3 {
		t.Errorf("second pupil (UPN in lower case, dual registered): %+v", got[1])
	}
}

func TestReadAttendanceReportsEveryBadRow(t *testing.T) {
	a := upn(t, 1)
	file := "UPN,URN,From,To,/,H,G\n" +
		"A123,103234,2024-09-02,2024-12-20,70,,\n" + // row 2: bad UPN
		a + ",1032,2024-09-02,2024-12-20,70,,\n" + // row 3: bad URN
		a + ",103234,02/09/2024,2024-12-20,70,,\n" + // row 4: bad date
		a + ",103235,2024-09-02,2024-12-20,70,2,\n" + // row 5: H retired
		a + ",103236,2024-09-02,2024-12-20,lots,,\n" + // row 6: not a number
		a + ",103236,2024-09-02,2024-12-20,-1,,\n" + // row 7: negative (and a duplicate of row 6)
		a + ",103237,2024-12-20,2024-09-02,70,,\n" // row 8: period backwards
	_, err := ReadAttendance(strings.NewReader(file))
	e := errs.As(err)
	if e == nil {
		t.Fatalf("got %v", err)
	}
	fields := errs.Fields(e.Fields)
	for _, want := range []string{"rows[2].UPN", "rows[3].URN", "rows[4].From", "rows[5].H", "rows[6]./", "rows[7]./", "rows[7].UPN", "rows[8].To"} {
		if !fields.Has(want) {
			t.Errorf("no error on %s; got %v", want, e.Fields)
		}
	}
}

func TestReadAttendanceHeader(t *testing.T) {
	_, err := ReadAttendance(strings.NewReader("UPN,URN,From,Sessions\n"))
	e := errs.As(err)
	if e == nil || !errs.Fields(e.Fields).Has("header.To") || !errs.Fields(e.Fields).Has("header.Sessions") {
		t.Fatalf("got %v, want the missing and unknown columns named", err)
	}
}

// BenchmarkReadAttendance reads a term for 45,000 pupils, Demo City's
// school population.
func BenchmarkReadAttendance(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("UPN,URN,From,To,/,\\,L,I,M,G,N,O,U,C,E\n")
	for i := range 45000 {
		fmt.Fprintf(&sb, "%s,%d,2024-09-02,2024-12-20,70,68,2,%d,1,%d,0,0,1,0,0\n", upn(b, i), 103000+i%150, i%7, i%3)
	}
	data := sb.String()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		rows, err := ReadAttendance(strings.NewReader(data))
		if err != nil || len(rows) != 45000 {
			b.Fatal(err, len(rows))
		}
	}
}
