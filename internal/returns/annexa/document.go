package annexa

import (
	"strconv"
	"time"

	"hearth/internal/civil"

	"hearth/internal/report"
)

// column is one of a list's columns: Ofsted's heading, the kind of its
// cells, and the cell of a row. A column Hearth holds nothing for has no
// cell function, and its cells are blank.
type column[R any] struct {
	heading string
	kind    report.Kind
	cell    func(R) report.Value
}

// table is the list as a report table: the columns in Ofsted's order, one
// row per row.
func table[R any](cols []column[R], rows []R) report.Table {
	t := report.Table{Columns: make([]report.Column, len(cols)), Rows: make([][]report.Value, 0, len(rows))}
	for i, c := range cols {
		t.Columns[i] = report.Column{Heading: c.heading, Kind: c.kind}
	}
	for _, r := range rows {
		cells := make([]report.Value, len(cols))
		for i, c := range cols {
			if c.cell != nil {
				cells[i] = c.cell(r)
			}
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}

// text, date and count are the three kinds of column Annex A has.
func text[R any](h string, f func(R) string) column[R] {
	return column[R]{h, report.Text, func(r R) report.Value { return report.Str(f(r)) }}
}

func date[R any](h string, f func(R) civil.Date) column[R] {
	return column[R]{h, report.Date, func(r R) report.Value { return report.On(f(r)) }}
}

func count[R any](h string, f func(R) int) column[R] {
	return column[R]{h, report.Integer, func(r R) report.Value { return report.Int(int64(f(r))) }}
}

// blank is a column Hearth holds nothing for (docs/DATA-MODEL.md says why
// for each).
func blank[R any](h string, k report.Kind) column[R] { return column[R]{heading: h, kind: k} }

// personColumns are the columns each list of children starts with; those
// with disability add it after the age.
func personColumns[R listRow](disability bool) []column[R] {
	cols := []column[R]{
		text("Child Unique ID", func(r R) string { return r.child().ID }),
		text("Gender", func(r R) string { return r.child().Gender }),
		text("Ethnicity", func(r R) string { return r.child().Ethnicity }),
		date("Date of Birth", func(r R) civil.Date { return r.child().Born }),
		{"Age of Child (Years)", report.Integer, func(r R) report.Value {
			if p := r.child(); p.AgeKnown {
				return report.Int(int64(p.Age))
			}
			return report.Value{}
		}},
	}
	if disability {
		cols = append(cols, text("Does the Child have a Disability", func(r R) string { return r.child().Disabled }))
	}
	return cols
}

func with[R any](head []column[R], rest ...column[R]) []column[R] { return append(head, rest...) }

var list1 = with(personColumns[Contact](false),
	date("Date of Contact", func(r Contact) civil.Date { return r.Date }),
	text("Contact Source", func(r Contact) string { return r.Source }),
)

var list2 = with(personColumns[EarlyHelp](false),
	date("Assessment start date", func(r EarlyHelp) civil.Date { return r.Start }),
	date("Assessment completion date", func(r EarlyHelp) civil.Date { return r.Completed }),
	text("Organisation completing assessment", func(r EarlyHelp) string { return r.Organisation }),
)

var list3 = with(personColumns[Referral](false),
	date("Date of referral", func(r Referral) civil.Date { return r.Date }),
	text("Referral Source", func(r Referral) string { return r.Source }),
	text("Referral NFA?", func(r Referral) string { return r.NFA }),
	count("Number of Referrals in Last 12 Months", func(r Referral) int { return r.Previous }),
	text("Allocated Team", func(r Referral) string { return r.Team }),
	text("Allocated Worker", func(r Referral) string { return r.Worker }),
)

var list4 = with(personColumns[Assessment](true),
	date("Continuous Assessment Start Date", func(r Assessment) civil.Date { return r.Start }),
	text("Child Seen During Continuous Assessment", func(r Assessment) string { return r.Seen }),
	date("Continuous Assessment Date of Authorisation", func(r Assessment) civil.Date { return r.Authorised }),
	text("Was the child assessed as requiring LA children's social care support?", func(r Assessment) string { return r.Support }),
	text("Allocated Team", func(r Assessment) string { return r.Team }),
	text("Allocated Worker", func(r Assessment) string { return r.Worker }),
)

var list5 = with(personColumns[Enquiry](true),
	date("Strategy discussion initiating Section 47 Enquiry Start Date", func(r Enquiry) civil.Date { return r.Strategy }),
	text("Was an Initial Child Protection Conference deemed unnecessary?", func(r Enquiry) string { return r.ICPCNotNeeded }),
	date("Date of Initial Child Protection Conference", func(r Enquiry) civil.Date { return r.ICPC }),
	text("Did the Initial Child Protection Conference Result in a Child Protection Plan", func(r Enquiry) string { return r.Plan }),
	count("Number of Section 47 Enquiries in the last 12 months", func(r Enquiry) int { return r.Enquiries }),
	count("Number of ICPCs in the last 12 months", func(r Enquiry) int { return r.Conferences }),
	text("Allocated Team", func(r Enquiry) string { return r.Team }),
	text("Allocated Worker", func(r Enquiry) string { return r.Worker }),
)

var list6 = with(personColumns[ChildInNeed](true),
	date("CIN Start Date", func(r ChildInNeed) civil.Date { return r.Start }),
	text("Primary Need Code", func(r ChildInNeed) string { return r.PrimaryNeed }),
	date("Date Child Was Last Seen", func(r ChildInNeed) civil.Date { return r.LastSeen }),
	date("CIN Closure Date", func(r ChildInNeed) civil.Date { return r.Closed }),
	text("Reason for Closure", func(r ChildInNeed) string { return r.Reason }),
	text("Case Status", func(r ChildInNeed) string { return r.Status }),
	text("Allocated Team", func(r ChildInNeed) string { return r.Team }),
	text("Allocated Worker", func(r ChildInNeed) string { return r.Worker }),
)

var list7 = with(personColumns[Protection](true),
	date("Child Protection Plan Start Date", func(r Protection) civil.Date { return r.Start }),
	text("Initial Category of Abuse", func(r Protection) string { return r.InitialCategory }),
	text("Latest Category of Abuse", func(r Protection) string { return r.LatestCategory }),
	date("Date of the Last Statutory Visit", func(r Protection) civil.Date { return r.LastVisit }),
	text("Was the Child Seen Alone?", func(r Protection) string { return r.SeenAlone }),
	date("Date of latest review conference", func(r Protection) civil.Date { return r.LastReview }),
	date("Child Protection Plan End Date", func(r Protection) civil.Date { return r.End }),
	text("Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)", func(r Protection) string { return r.Emergency }),
	count("Number of Previous Child Protection Plans", func(r Protection) int { return r.Previous }),
	text("Allocated Team", func(r Protection) string { return r.Team }),
	text("Allocated Worker", func(r Protection) string { return r.Worker }),
)

var list8 = with(personColumns[InCare](true),
	date("Date Started to be Looked After", func(r InCare) civil.Date { return r.Started }),
	text("Child's Category of Need", func(r InCare) string { return r.Need }),
	text("Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)", func(r InCare) string { return r.Subsequent }),
	date("Start date of current legal status", func(r InCare) civil.Date { return r.LegalSince }),
	text("Child's Legal Status", func(r InCare) string { return r.LegalStatus }),
	date("Date of Latest Statutory Review", func(r InCare) civil.Date { return r.LastReview }),
	date("Date of Last Social Work Visit", func(r InCare) civil.Date { return r.LastVisit }),
	text("What is the permanence plan for this child?", func(r InCare) string { return r.Permanence }),
	blank[InCare]("Date of Last IRO Visit / Contact to the Child", report.Date),
	date("Date of Last Health Assessment", func(r InCare) civil.Date { return r.LastHealth }),
	date("Date of Last Dental Check", func(r InCare) civil.Date { return r.LastDental }),
	count("Number of Placements in the Last 12 months", func(r InCare) int { return r.Placements }),
	date("Date Ceased to be Looked After", func(r InCare) civil.Date { return r.Ceased }),
	text("Reason Ceased to be Looked After", func(r InCare) string { return r.Reason }),
	date("Start Date of Most Recent Placement", func(r InCare) civil.Date { return r.PlacedSince }),
	text("Placement Type", func(r InCare) string { return r.Placement }),
	text("Placement Provider", func(r InCare) string { return r.Provider }),
	text("Placement postcode", func(r InCare) string { return r.Postcode }),
	text("URN of Placement", func(r InCare) string { return r.URN }),
	blank[InCare]("Placement Location", report.Text),
	blank[InCare]("LA of Placement", report.Text),
	count("Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months", func(r InCare) int { return r.Missing }),
	count("Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months", func(r InCare) int { return r.Absent }),
	text("Was the child offered a Return Interview after their last missing episode (Y/N)?", func(r InCare) string { return r.RIOffered }),
	text("Did the child accept a Return Interview after their last missing episode (Y/N)?", func(r InCare) string { return r.RIAccepted }),
	text("Allocated Team", func(r InCare) string { return r.Team }),
	text("Allocated Worker", func(r InCare) string { return r.Worker }),
)

var list9 = with(personColumns[CareLeaver](true),
	text("Allocated Team", func(r CareLeaver) string { return r.Team }),
	text("Allocated Worker", func(r CareLeaver) string { return r.Worker }),
	text("Eligibility Category", func(r CareLeaver) string { return r.Category }),
	text("LA in Touch", func(r CareLeaver) string { return r.InTouch }),
	text("Type of Accommodation", func(r CareLeaver) string { return r.Accommodation }),
	text("Suitability of Accommodation", func(r CareLeaver) string { return r.Suitable }),
	text("Activity Status", func(r CareLeaver) string { return r.Activity }),
)

// list10 has the family identifier second, inside the child's columns.
var list10 = func() []column[Adoption] {
	p := personColumns[Adoption](true)
	cols := []column[Adoption]{p[0], blank[Adoption]("Family identifier", report.Text)}
	return with(append(cols, p[1:]...),
		date("Date the Child Entered Care", func(r Adoption) civil.Date { return r.EnteredCare }),
		date("Date of Decision that Child Should be Placed for Adoption", func(r Adoption) civil.Date { return r.Decision }),
		date("Date of Placement Order", func(r Adoption) civil.Date { return r.PlacementOrder }),
		date("Date of Matching Child and Prospective Adopters", func(r Adoption) civil.Date { return r.Matched }),
		date("Date Placed for Adoption", func(r Adoption) civil.Date { return r.Placed }),
		date("Date of Adoption Order", func(r Adoption) civil.Date { return r.Order }),
		date("Date of Decision that Child Should No Longer be Placed for Adoption", func(r Adoption) civil.Date { return r.NoLonger }),
		text("Reason Why Child No Longer Placed for Adoption", func(r Adoption) string { return r.Reason }),
		blank[Adoption]("Date the child was placed for fostering in FFA or concurrent planning placement", report.Date),
	)
}()

// list11 is the adopters' list: Hearth holds no records of adopters, so
// every column is one it cannot fill and the list has no rows.
var list11 = func() []column[struct{}] {
	var cols []column[struct{}]
	for _, h := range []struct {
		heading string
		kind    report.Kind
	}{
		{"Individual adopter identifier", report.Text}, {"Family identifier", report.Text}, {"Gender", report.Text},
		{"Ethnicity", report.Text}, {"Disability", report.Text}, {"Is the (prospective) adopter fostering for adoption?", report.Text},
		{"Date enquiry received", report.Date}, {"Date Stage 1 started", report.Date}, {"Date Stage 1 ended", report.Date},
		{"Date Stage 2 started", report.Date}, {"Date Stage 2 ended", report.Date}, {"Date application submitted", report.Date},
		{"Date application approved", report.Date}, {"Date adopter matched with child(ren)", report.Date},
		{"Date child/children placed with adopter(s)", report.Date}, {"No. of children placed", report.Integer},
		{"Date of Adoption Order", report.Date}, {"Date of leaving adoption process", report.Date},
		{"Reason for leaving adoption process", report.Text},
	} {
		cols = append(cols, blank[struct{}](h.heading, h.kind))
	}
	return cols
}()

// Document is the lists as a report: one tabular section per list, headed
// "List 1" to "List 11", so that the workbook (report.XLSX) has a sheet of
// each name with Ofsted's column headings in row 1 and a row per child or
// event below. made is when the lists were made (the app's clock).
func Document(l Lists, made time.Time) report.Document {
	tables := []report.Table{
		table(list1, l.Contacts),
		table(list2, l.EarlyHelp),
		table(list3, l.Referrals),
		table(list4, l.Assessments),
		table(list5, l.Enquiries),
		table(list6, l.ChildrenInNeed),
		table(list7, l.Protection),
		table(list8, l.InCare),
		table(list9, l.CareLeavers),
		table(list10, l.Adoption),
		table(list11, nil),
	}
	d := report.Document{
		Title:    "Ofsted Annex A",
		Subtitle: l.Window.Start.Format() + " to " + l.Window.End.Format(),
		Made:     made,
	}
	for i, t := range tables {
		d.Sections = append(d.Sections, report.Section{Heading: "List " + strconv.Itoa(i+1), Blocks: []report.Block{t}, Tabular: true})
	}
	return d
}
