package sen2

import (
	"encoding/xml"
	"io"
	"strconv"

	"hearth/internal/civil"
)

// The types below are the return's XML, module by module. Field element
// names are the table's (lower case, as COLLECT's exports name them); the
// root and the grouping elements (message, header, lalevel, persons, and
// one element per module: person, requests, assessment, namedplan,
// plandetail, activeplans, placementdetail, senneed) are named after the
// table's modules, as it names no elements for them (to be checked against
// the DfE's schema). Field order is the table's. Empty optional elements
// are left out rather than written empty.

type xmlMessage struct {
	XMLName xml.Name    `xml:"message"`
	Header  xmlHeader   `xml:"header"`
	LALevel *xmlLALevel `xml:"lalevel,omitempty"`
	Persons xmlPersons  `xml:"persons"`
}

type xmlHeader struct {
	Collection    string `xml:"collection"`
	Year          string `xml:"year"`
	ReferenceDate string `xml:"referencedate"`
	LEA           string `xml:"lea"`
	SoftwareCode  string `xml:"softwarecode,omitempty"`
	Release       string `xml:"release,omitempty"`
	SerialNo      string `xml:"serialno,omitempty"`
	DateTime      string `xml:"datetime,omitempty"`
}

type xmlLALevel struct {
	DMO  string `xml:"dmo,omitempty"`
	DCO  string `xml:"dco,omitempty"`
	DSCO string `xml:"dsco,omitempty"`
}

type xmlPersons struct {
	Person []xmlPerson `xml:"person"`
}

type xmlPerson struct {
	Surname             string       `xml:"surname,omitempty"`
	Forename            string       `xml:"forename,omitempty"`
	PersonBirthDate     string       `xml:"personbirthdate,omitempty"`
	Sex                 string       `xml:"sex,omitempty"`
	Ethnicity           string       `xml:"ethnicity,omitempty"`
	Postcode            string       `xml:"postcode,omitempty"`
	UPN                 string       `xml:"upn,omitempty"`
	UniqueLearnerNumber string       `xml:"uniquelearnernumber,omitempty"`
	UPNUnknown          string       `xml:"upnunknown,omitempty"`
	Requests            []xmlRequest `xml:"requests"`
}

type xmlRequest struct {
	ReceivedDate       string          `xml:"receiveddate,omitempty"`
	RequestSource      string          `xml:"requestsource,omitempty"`
	RYA                string          `xml:"rya,omitempty"`
	RequestOutcomeDate string          `xml:"requestoutcomedate,omitempty"`
	RequestOutcome     string          `xml:"requestoutcome,omitempty"`
	RequestMediation   string          `xml:"requestmediation,omitempty"`
	RequestTribunal    string          `xml:"requesttribunal,omitempty"`
	Exported           string          `xml:"exported,omitempty"`
	Assessment         *xmlAssessment  `xml:"assessment,omitempty"`
	ActivePlans        *xmlActivePlans `xml:"activeplans,omitempty"`
}

type xmlAssessment struct {
	AssessmentOutcome     string        `xml:"assessmentoutcome,omitempty"`
	AssessmentOutcomeDate string        `xml:"assessmentoutcomedate,omitempty"`
	AssessmentMediation   string        `xml:"assessmentmediation,omitempty"`
	AssessmentTribunal    string        `xml:"assessmenttribunal,omitempty"`
	OtherMediation        string        `xml:"othermediation,omitempty"`
	OtherTribunal         string        `xml:"othertribunal,omitempty"`
	Week20                string        `xml:"week20,omitempty"`
	NamedPlan             *xmlNamedPlan `xml:"namedplan,omitempty"`
}

type xmlNamedPlan struct {
	StartDate   string       `xml:"startdate,omitempty"`
	PlanRes     string       `xml:"planres,omitempty"`
	PlanWBP     string       `xml:"planwbp,omitempty"`
	PB          string       `xml:"pb,omitempty"`
	OA          string       `xml:"oa,omitempty"`
	DP          string       `xml:"dp,omitempty"`
	CeaseDate   string       `xml:"ceasedate,omitempty"`
	CeaseReason string       `xml:"ceasereason,omitempty"`
	PlanDetail  []xmlSetting `xml:"plandetail"`
}

// xmlSetting is both 4b (plandetail) and 5b (placementdetail): the
// placement's own fields are empty, so left out, in a plandetail.
type xmlSetting struct {
	URN                         string `xml:"urn,omitempty"`
	UKPRN                       string `xml:"ukprn,omitempty"`
	SENSetting                  string `xml:"sensetting,omitempty"`
	SENSettingOther             string `xml:"sensettingother,omitempty"`
	PlacementRank               string `xml:"placementrank,omitempty"`
	EntryDate                   string `xml:"entrydate,omitempty"`
	LeavingDate                 string `xml:"leavingdate,omitempty"`
	SENUnitIndicator            string `xml:"senunitindicator,omitempty"`
	ResourcedProvisionIndicator string `xml:"resourcedprovisionindicator,omitempty"`
	Res                         string `xml:"res,omitempty"`
	WBP                         string `xml:"wbp,omitempty"`
}

type xmlActivePlans struct {
	TransferLA             string       `xml:"transferla,omitempty"`
	ReviewMeeting          string       `xml:"reviewmeeting,omitempty"`
	LastReview             string       `xml:"lastreview,omitempty"`
	ReviewOutcome          string       `xml:"reviewoutcome,omitempty"`
	ReviewDraft            string       `xml:"reviewdraft,omitempty"`
	PhaseTransferDueDate   string       `xml:"phasetransferduedate,omitempty"`
	PhaseTransferFinalDate string       `xml:"phasetransferfinaldate,omitempty"`
	PlacementDetail        []xmlSetting `xml:"placementdetail"`
	SENNeed                []xmlNeed    `xml:"senneed"`
}

type xmlNeed struct {
	SENType     string `xml:"sentype,omitempty"`
	SENTypeRank string `xml:"sentyperank,omitempty"`
}

// date writes yyyy-mm-dd, or "" (left out) for no date.
func date(d civil.Date) string { return d.String() }

func rank(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// WriteXML writes the return as XML: UTF-8, indented, the same bytes for
// the same return.
func (r Return) WriteXML(w io.Writer) error {
	m := xmlMessage{}
	m.Header = xmlHeader{
		Collection:    "SEN2",
		Year:          strconv.Itoa(int(r.Year)),
		ReferenceDate: date(r.Year.ReferenceDate()),
		LEA:           r.Header.LEA,
		SoftwareCode:  r.Header.SoftwareCode,
		Release:       r.Header.Release,
		SerialNo:      r.Header.SerialNo,
	}
	if !r.Header.DateTime.IsZero() {
		m.Header.DateTime = r.Header.DateTime.In(civil.London).Format("2006-01-02T15:04:05")
	}
	la := xmlLALevel{DMO: r.Header.DMO, DCO: r.Header.DCO}
	if r.Year.v13() {
		la.DSCO = r.Header.DSCO
	}
	if la != (xmlLALevel{}) {
		m.LALevel = &la
	}
	m.Persons.Person = make([]xmlPerson, 0, len(r.Persons))
	for _, p := range r.Persons {
		m.Persons.Person = append(m.Persons.Person, xmlPersonOf(p, r.Year))
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

func xmlPersonOf(p Person, y Year) xmlPerson {
	x := xmlPerson{
		Surname:             p.Surname,
		Forename:            p.Forename,
		PersonBirthDate:     date(p.BirthDate),
		Sex:                 p.Sex,
		Ethnicity:           p.Ethnicity,
		Postcode:            p.Postcode,
		UPN:                 p.UPN,
		UniqueLearnerNumber: p.ULN,
		UPNUnknown:          p.UPNUnknown,
	}
	for _, q := range p.Requests {
		xq := xmlRequest{
			ReceivedDate:       date(q.Received),
			RYA:                string(q.RYA),
			RequestOutcomeDate: date(q.OutcomeDate),
			RequestOutcome:     q.Outcome,
			RequestMediation:   string(q.Mediation),
			RequestTribunal:    string(q.Tribunal),
			Exported:           string(q.Exported),
		}
		if y.v13() {
			xq.RequestSource = q.Source
		}
		if a := q.Assessment; a != nil {
			xa := &xmlAssessment{
				AssessmentOutcome:     a.Outcome,
				AssessmentOutcomeDate: date(a.OutcomeDate),
				AssessmentMediation:   string(a.Mediation),
				AssessmentTribunal:    string(a.Tribunal),
				OtherMediation:        string(a.OtherMediation),
				OtherTribunal:         string(a.OtherTribunal),
				Week20:                string(a.Week20),
			}
			if np := a.Plan; np != nil {
				xa.NamedPlan = &xmlNamedPlan{
					StartDate:   date(np.Start),
					PlanRes:     np.Res,
					PlanWBP:     np.WBP,
					PB:          string(np.PB),
					OA:          string(np.OA),
					DP:          string(np.DP),
					CeaseDate:   date(np.CeaseDate),
					CeaseReason: np.CeaseReason,
				}
				for _, s := range np.Settings {
					xa.NamedPlan.PlanDetail = append(xa.NamedPlan.PlanDetail, xmlSettingOf(s))
				}
			}
			xq.Assessment = xa
		}
		if ap := q.ActivePlan; ap != nil {
			xp := &xmlActivePlans{
				TransferLA:    string(ap.TransferLA),
				ReviewMeeting: date(ap.ReviewMeeting),
				LastReview:    date(ap.LastReview),
				ReviewOutcome: ap.ReviewOutcome,
			}
			if y.v13() {
				xp.ReviewDraft = date(ap.ReviewDraft)
				xp.PhaseTransferDueDate = date(ap.PhaseTransferDue)
				xp.PhaseTransferFinalDate = date(ap.PhaseTransferFinal)
			}
			for _, s := range ap.Placements {
				xp.PlacementDetail = append(xp.PlacementDetail, xmlSettingOf(s))
			}
			for _, n := range ap.Needs {
				xp.SENNeed = append(xp.SENNeed, xmlNeed{SENType: n.Type, SENTypeRank: rank(n.Rank)})
			}
			xq.ActivePlans = xp
		}
		x.Requests = append(x.Requests, xq)
	}
	return x
}

func xmlSettingOf(s Setting) xmlSetting {
	return xmlSetting{
		URN:                         s.URN,
		UKPRN:                       s.UKPRN,
		SENSetting:                  s.SENSetting,
		SENSettingOther:             s.SENSettingOther,
		PlacementRank:               rank(s.Rank),
		EntryDate:                   date(s.Entry),
		LeavingDate:                 date(s.Leaving),
		SENUnitIndicator:            string(s.SENUnit),
		ResourcedProvisionIndicator: string(s.ResourcedProvision),
		Res:                         s.Res,
		WBP:                         s.WBP,
	}
}
