package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// censusXML is a census of 2022-23 with one child referred and closed with
// no further action, which breaks no rule (it meets three queries, which
// do not fail it); with closed, the closure date.
func censusXML(closed string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>CIN</Collection><Year>2023</Year><ReferenceDate>2023-03-31</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>999</LEA><SoftwareCode>Hearth</SoftwareCode><Release>1.0</Release><SerialNo>001</SerialNo><DateTime>2023-05-15T10:15:00</DateTime></Source>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers><LAchildID>DC1</LAchildID><UPNunknown>UN1</UPNunknown><PersonBirthDate>2014-03-09</PersonBirthDate><GenderCurrent>2</GenderCurrent></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2022-06-01</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>
        <CINclosureDate>` + closed + `</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure><ReferralNFA>true</ReferralNFA>
      </CINdetails>
    </Child>
  </Children>
</Message>
`
}

func write(t *testing.T, path, body string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestValidateCIN: a clean census passes with its queries printed; a
// census closing an episode before it began fails with the rule's code and
// where it is; one that is not XML fails with the problem reading it.
func TestValidateCIN(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clean := write(t, filepath.Join(dir, "clean.xml"), censusXML("2022-06-20"))
	out := mustHearth(t, "", "validate", clean)
	if !strings.Contains(out, "query 8825Q: ") || !strings.Contains(out, "(CIN census 2023, 1 child): 0 problems reading it, 0 errors, 3 queries: it passes") {
		t.Errorf("clean census:\n%s", out)
	}

	broken := write(t, filepath.Join(dir, "broken.xml"), censusXML("2022-05-20"))
	out, _, err := hearth(t, "", "validate", broken)
	if err == nil || !strings.Contains(err.Error(), "fails its checks") {
		t.Errorf("broken census: got %v", err)
	}
	// Rule 8630: a referral closed before it was made.
	if !strings.Contains(out, "error 8630: ") || !strings.Contains(out, "(child DC1: Child[1]/CINdetails[1]/CINclosureDate)") || !strings.Contains(out, "it fails") {
		t.Errorf("broken census:\n%s", out)
	}

	bad := write(t, filepath.Join(dir, "bad.xml"), "<Message><Header>")
	out, _, err = hearth(t, "", "validate", bad)
	if err == nil || !strings.Contains(out, "problem: ") || !strings.Contains(out, "1 problem reading it") {
		t.Errorf("unreadable census: %v\n%s", err, out)
	}
}

const (
	header903   = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,2,10/05/2012,WBRI,A123456789012,,\n"
	episodes903 = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
)

// TestValidate903: an SSDA903 of one child in care is checked as a folder
// or as its files named, and passes; one whose episode ends before it began
// fails with the rule's code, file, row and column; a date that is not one
// is a problem reading the file; and a missing file is named.
func TestValidate903(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean")
	write(t, filepath.Join(clean, "Header.csv"), header903)
	write(t, filepath.Join(clean, "Episodes.csv"), episodes903+"C1,01/10/2022,S,C2,N1,U4,PR1,,,,AB1 2BD,AB3 4EF,SC123456\n")
	for _, args := range [][]string{{clean}, {filepath.Join(clean, "Header.csv"), filepath.Join(clean, "Episodes.csv"), "--year", "2023"}} {
		out := mustHearth(t, "", append([]string{"validate", "--year", "2023"}, args...)...)
		if !strings.Contains(out, "SSDA903 2022-23 (2 files, 1 child): 0 problems reading it, 0 errors, 0 queries: it passes") {
			t.Errorf("%v:\n%s", args, out)
		}
	}

	broken := filepath.Join(dir, "broken")
	write(t, filepath.Join(broken, "Header.csv"), header903)
	write(t, filepath.Join(broken, "Episodes.csv"), episodes903+"C1,01/10/2022,S,C2,N1,U4,PR1,01/09/2022,E4A,,AB1 2BD,AB3 4EF,SC123456\n")
	out, _, err := hearth(t, "", "validate", "--year", "2023", broken)
	// Rule 356: an episode that ceased before it began.
	if err == nil || !strings.Contains(out, "error 356: ") || !strings.Contains(out, "(child C1: Episodes.csv row 2, DEC)") || !strings.Contains(out, "it fails") {
		t.Errorf("broken 903: %v\n%s", err, out)
	}

	bad := filepath.Join(dir, "bad")
	write(t, filepath.Join(bad, "Header.csv"), header903)
	write(t, filepath.Join(bad, "Episodes.csv"), episodes903+"C1,31/02/2022,S,C2,N1,U4,PR1,,,,AB1 2BD,AB3 4EF,SC123456\n")
	out, _, err = hearth(t, "", "validate", "--year", "2023", bad)
	if err == nil || !strings.Contains(out, "problem: ") || !strings.Contains(out, "DECOM") {
		t.Errorf("unreadable 903: %v\n%s", err, out)
	}

	if _, _, err := hearth(t, "", "validate", filepath.Join(dir, "none")); err == nil {
		t.Error("a file that does not exist was checked")
	}
	if _, _, err := hearth(t, "", "validate"); err == nil || !strings.Contains(err.Error(), "name the files") {
		t.Errorf("no files: %v", err)
	}
}
