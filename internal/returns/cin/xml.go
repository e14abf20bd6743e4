package cin

import (
	"encoding/xml"
	"io"
	"strconv"

	"hearth/internal/civil"
)

// The types below are the DfE's XML layout, element for element. Field
// order is the order of the schema's sequences (cin-census-schema-2024.xsd),
// which a validator enforces; optional elements are strings or pointers with
// omitempty, so an empty one is left out rather than written empty.

type xmlMessage struct {
	XMLName  xml.Name    `xml:"Message"`
	Header   xmlHeader   `xml:"Header"`
	Children xmlChildren `xml:"Children"`
}

type xmlHeader struct {
	CollectionDetails struct {
		Collection    string `xml:"Collection"`
		Year          string `xml:"Year"`
		ReferenceDate string `xml:"ReferenceDate"`
	} `xml:"CollectionDetails"`
	Source struct {
		SourceLevel  string `xml:"SourceLevel"`
		LEA          string `xml:"LEA"`
		SoftwareCode string `xml:"SoftwareCode,omitempty"`
		Release      string `xml:"Release,omitempty"`
		SerialNo     string `xml:"SerialNo,omitempty"`
		DateTime     string `xml:"DateTime,omitempty"`
	} `xml:"Source"`
}

type xmlChildren struct {
	Child []xmlChild `xml:"Child"`
}

type xmlChild struct {
	Identifiers struct {
		LAchildID               string `xml:"LAchildID"`
		UPN                     string `xml:"UPN,omitempty"`
		FormerUPN               string `xml:"FormerUPN,omitempty"`
		UPNunknown              string `xml:"UPNunknown,omitempty"`
		PersonBirthDate         string `xml:"PersonBirthDate,omitempty"`
		ExpectedPersonBirthDate string `xml:"ExpectedPersonBirthDate,omitempty"`
		// One of the two, by year: see Year.sexElement.
		GenderCurrent   string `xml:"GenderCurrent,omitempty"`
		Sex             string `xml:"Sex,omitempty"`
		PersonDeathDate string `xml:"PersonDeathDate,omitempty"`
	} `xml:"ChildIdentifiers"`
	Characteristics struct {
		Ethnicity    string           `xml:"Ethnicity"`
		Disabilities *xmlDisabilities `xml:"Disabilities,omitempty"`
	} `xml:"ChildCharacteristics"`
	Details []xmlDetails `xml:"CINdetails"`
}

type xmlDisabilities struct {
	Disability []string `xml:"Disability"`
}

type xmlDetails struct {
	CINreferralDate  string          `xml:"CINreferralDate"`
	ReferralSource   string          `xml:"ReferralSource"`
	PrimaryNeedCode  string          `xml:"PrimaryNeedCode,omitempty"`
	CINclosureDate   string          `xml:"CINclosureDate,omitempty"`
	ReasonForClosure string          `xml:"ReasonForClosure,omitempty"`
	DateOfInitialCPC string          `xml:"DateOfInitialCPC,omitempty"`
	Assessments      []xmlAssessment `xml:"Assessments"`
	CINPlanDates     []xmlCINPlan    `xml:"CINPlanDates"`
	Section47        []xmlSection47  `xml:"Section47"`
	ReferralNFA      string          `xml:"ReferralNFA"`
	CPPlans          []xmlCPPlan     `xml:"ChildProtectionPlans"`
}

type xmlAssessment struct {
	Start      string      `xml:"AssessmentActualStartDate"`
	Authorised string      `xml:"AssessmentAuthorisationDate,omitempty"`
	Factors    *xmlFactors `xml:"FactorsIdentifiedAtAssessment,omitempty"`
}

type xmlFactors struct {
	Factor []string `xml:"AssessmentFactors"`
}

type xmlCINPlan struct {
	Start string `xml:"CINPlanStartDate"`
	End   string `xml:"CINPlanEndDate,omitempty"`
}

type xmlSection47 struct {
	Start            string `xml:"S47ActualStartDate"`
	InitialCPCtarget string `xml:"InitialCPCtarget,omitempty"`
	DateOfInitialCPC string `xml:"DateOfInitialCPC,omitempty"`
	ICPCnotRequired  string `xml:"ICPCnotRequired"`
}

type xmlCPPlan struct {
	Start           string      `xml:"CPPstartDate"`
	End             string      `xml:"CPPendDate,omitempty"`
	InitialCategory string      `xml:"InitialCategoryOfAbuse"`
	LatestCategory  string      `xml:"LatestCategoryOfAbuse"`
	Previous        int         `xml:"NumberOfPreviousCPP"`
	Reviews         *xmlReviews `xml:"Reviews,omitempty"`
}

type xmlReviews struct {
	Date []string `xml:"CPPreviewDate"`
}

// date writes a date as the schema's xs:date (yyyy-mm-dd), or "" (the
// element left out) for no date.
func date(d civil.Date) string { return d.String() }

// newSex maps Hearth's sex codes (the 2023-24 census's 1, 2, 9 and 0) to
// the codes of <Sex> from 2024-25: M, F, and U for indeterminate, not
// recorded or unborn (rule 4180 of cin2024_25).
func newSex(code string) string {
	switch code {
	case "1":
		return "M"
	case "2":
		return "F"
	}
	return "U"
}

// WriteXML writes the return as the DfE's XML: UTF-8, indented, the same
// bytes for the same census.
func (c Census) WriteXML(w io.Writer) error {
	m := xmlMessage{}
	h := &m.Header
	h.CollectionDetails.Collection = "CIN"
	h.CollectionDetails.Year = strconv.Itoa(int(c.Year))
	h.CollectionDetails.ReferenceDate = date(c.Year.ReferenceDate())
	h.Source.SourceLevel = "L"
	h.Source.LEA = c.Header.LEA
	h.Source.SoftwareCode = c.Header.SoftwareCode
	h.Source.Release = c.Header.Release
	h.Source.SerialNo = c.Header.SerialNo
	if !c.Header.DateTime.IsZero() {
		// xs:dateTime with no zone: the council's local time, which is what
		// the person sending the return saw.
		h.Source.DateTime = c.Header.DateTime.In(civil.London).Format("2006-01-02T15:04:05")
	}
	for _, ch := range c.Children {
		m.Children.Child = append(m.Children.Child, xmlChildOf(ch, c.Year))
	}

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(m); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func xmlChildOf(ch CensusChild, year Year) xmlChild {
	var x xmlChild
	id := &x.Identifiers
	id.LAchildID = ch.LAChildID
	id.UPN = ch.UPN
	id.FormerUPN = ch.FormerUPN
	id.UPNunknown = ch.UPNUnknown
	id.PersonBirthDate = date(ch.BirthDate)
	id.ExpectedPersonBirthDate = date(ch.ExpectedDate)
	if year.sexElement() {
		id.Sex = newSex(ch.Sex)
	} else {
		id.GenderCurrent = ch.Sex
		if id.GenderCurrent == "" {
			id.GenderCurrent = "0" // "not recorded": the element is required
		}
	}
	id.PersonDeathDate = date(ch.DeathDate)
	x.Characteristics.Ethnicity = ch.Ethnicity
	if len(ch.Disabilities) > 0 {
		x.Characteristics.Disabilities = &xmlDisabilities{Disability: ch.Disabilities}
	}
	for _, e := range ch.Episodes {
		x.Details = append(x.Details, xmlDetailsOf(e))
	}
	return x
}

func xmlDetailsOf(e Episode) xmlDetails {
	d := xmlDetails{
		CINreferralDate:  date(e.ReferralDate),
		ReferralSource:   e.ReferralSource,
		PrimaryNeedCode:  e.PrimaryNeed,
		CINclosureDate:   date(e.ClosureDate),
		ReasonForClosure: e.ReasonForClosure,
		DateOfInitialCPC: date(e.DateOfInitialCPC),
		ReferralNFA:      strconv.FormatBool(e.NFA),
	}
	for _, a := range e.Assessments {
		xa := xmlAssessment{Start: date(a.Start), Authorised: date(a.Authorised)}
		if len(a.Factors) > 0 {
			xa.Factors = &xmlFactors{Factor: a.Factors}
		}
		d.Assessments = append(d.Assessments, xa)
	}
	for _, p := range e.CINPlans {
		d.CINPlanDates = append(d.CINPlanDates, xmlCINPlan{Start: date(p.Start), End: date(p.End)})
	}
	for _, s := range e.Section47s {
		d.Section47 = append(d.Section47, xmlSection47{
			Start:            date(s.Start),
			InitialCPCtarget: date(s.InitialCPCTarget),
			DateOfInitialCPC: date(s.DateOfInitialCPC),
			ICPCnotRequired:  strconv.FormatBool(s.ICPCNotRequired),
		})
	}
	for _, p := range e.CPPlans {
		xp := xmlCPPlan{
			Start:           date(p.Start),
			End:             date(p.End),
			InitialCategory: p.InitialCategory,
			LatestCategory:  p.LatestCategory,
			Previous:        p.PreviousPlans,
		}
		if len(p.Reviews) > 0 {
			xp.Reviews = &xmlReviews{}
			for _, r := range p.Reviews {
				xp.Reviews.Date = append(xp.Reviews.Date, date(r))
			}
		}
		d.CPPlans = append(d.CPPlans, xp)
	}
	return d
}
