package education

import (
	"strings"
	"testing"

	"hearth/internal/errs"
)

const giasHeader = `URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),EstablishmentTypeGroup (name),EstablishmentStatus (name),OpenDate,CloseDate,PhaseOfEducation (name),StatutoryLowAge,StatutoryHighAge,Postcode,UKPRN,SchoolWebsite`

func TestReadEstablishments(t *testing.T) {
	file := "\ufeff" + giasHeader + "\n" +
		`103234,330,Birmingham,2001,Abbey Primary School,Community school,Local authority maintained schools,Open,,,Primary,3,11,b1 1aa,10071234,` + "\n" +
		`"137456",330,Birmingham,4001,"St Mary's, the ""Academy""",Academy converter,Academies,Open,01-09-2011,,Secondary,11,18,B2 2BB,,https://example.org` + "\n" +
		`103999,330,Birmingham,2002,Old Lane Infant School,Community school,Local authority maintained schools,Closed,,31-08-2012,Primary,4,7,,,` + "\n"
	got, err := ReadEstablishments(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("read %d schools, want 3", len(got))
	}
	first := got[0]
	if first.URN != "103234" || first.LACode != "330" || first.Name != "Abbey Primary School" || first.Phase != "Primary" ||
		first.LowAge != 3 || first.HighAge != 11 || first.Postcode != "B1 1AA" || first.UKPRN != "10071234" || first.Status != "Open" {
		t.Errorf("first row: %+v", first)
	}
	if got[1].Name != `St Mary's, the "Academy"` || got[1].Opened != d(2011, 9, 1) {
		t.Errorf("quoted row: %+v", got[1])
	}
	closed := got[2]
	if closed.Closed != d(2012, 8, 31) || closed.OpenOn(d(2012, 8, 31)) == false || closed.OpenOn(d(2012, 9, 1)) {
		t.Errorf("closed school: %+v (open on its last day, closed the next)", closed)
	}
	if got[1].OpenOn(d(2011, 8, 31)) {
		t.Error("open before its opening date")
	}
}

func TestReadEstablishmentsWindows1252(t *testing.T) {
	// "Saint Ætheldreda’s" in Windows-1252: Æ is 0xC6 and ’ is 0x92.
	file := giasHeader + "\n" + "100001,330,Birmingham,2003,Saint \xc6theldreda\x92s School,Community school,Local authority maintained schools,Open,,,Primary,4,11,,,\n"
	got, err := ReadEstablishments(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Saint Ætheldreda’s School"; got[0].Name != want {
		t.Errorf("name %q, want %q", got[0].Name, want)
	}
}

func TestReadEstablishmentsReportsEveryBadRow(t *testing.T) {
	file := giasHeader + "\n" +
		`10323,330,Birmingham,2001,Abbey Primary School,Community school,,Open,,,Primary,3,11,,,` + "\n" + // row 2: URN too short
		`103235,33,Birmingham,2001,,Community school,,Open,2011-09-01,,Primary,three,11,,,` + "\n" + // row 3: LA, name, date, age
		`103236,330,Birmingham,2001,Ok School,Community school,,Closed,01-09-2012,31-08-2012,Primary,3,11,,,` + "\n" + // row 4: closed before opened
		`103236,330,Birmingham,2001,Ok Again,Community school,,Open,,,Primary,3,11,,,` + "\n" + // row 5: duplicate URN
		`103237,330` + "\n" // row 6: too few fields
	_, err := ReadEstablishments(strings.NewReader(file))
	e := errs.As(err)
	if e == nil || e.Code != errs.Invalid {
		t.Fatalf("got %v, want an invalid-input error", err)
	}
	fields := errs.Fields(e.Fields)
	for _, want := range []string{
		"rows[2].URN", "rows[3].LA (code)", "rows[3].EstablishmentName", "rows[3].OpenDate", "rows[3].StatutoryLowAge",
		"rows[4].CloseDate", "rows[5].URN", "rows[6]",
	} {
		if !fields.Has(want) {
			t.Errorf("no error on %s; got %v", want, e.Fields)
		}
	}
}

func TestReadEstablishmentsNeedsItsColumns(t *testing.T) {
	_, err := ReadEstablishments(strings.NewReader("URN,EstablishmentName\n100001,A School\n"))
	e := errs.As(err)
	if e == nil || !errs.Fields(e.Fields).Has("header.LA (code)") || !errs.Fields(e.Fields).Has("header.EstablishmentStatus (name)") {
		t.Fatalf("got %v, want the missing columns named", err)
	}
	if _, err := ReadEstablishments(strings.NewReader("")); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("an empty file: %v", err)
	}
}
