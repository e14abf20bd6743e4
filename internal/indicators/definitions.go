package indicators

// Section groups the indicators as the framework does.
type Section string

// The framework's sections, in its order. Missing children sit with children
// in care, as the framework places them.
const (
	SectionFrontDoor  Section = "front_door"   // front door and early help
	SectionAssessment Section = "assessment"   // assessment, child in need and child protection
	SectionCare       Section = "care"         // children in care
	SectionAdoption   Section = "adoption"     // adoption (the adoption scorecard)
	SectionLeavers    Section = "care_leavers" // care leavers
	SectionWorkforce  Section = "workforce"    // the social work establishment
	SectionEducation  Section = "education"    // education and inclusion (education.go)
)

// Sections are the sections in the framework's order.
var Sections = []Section{SectionFrontDoor, SectionAssessment, SectionCare, SectionAdoption, SectionLeavers, SectionWorkforce, SectionEducation}

// Title is the section's heading.
func (s Section) Title() string {
	switch s {
	case SectionFrontDoor:
		return "Front door and early help"
	case SectionAssessment:
		return "Assessment, child in need and child protection"
	case SectionCare:
		return "Children in care"
	case SectionAdoption:
		return "Adoption"
	case SectionLeavers:
		return "Care leavers"
	case SectionWorkforce:
		return "Workforce"
	case SectionEducation:
		return "Education and inclusion"
	}
	return ""
}

// Unit is what an indicator's value measures, and so how it is made from
// its lists and rounded (value.go).
type Unit string

const (
	UnitCount   Unit = "count"   // the numerator's length
	UnitPercent Unit = "percent" // 100 × numerator / denominator, one decimal
	UnitRate    Unit = "rate"    // 10,000 × numerator / population, one decimal
	UnitDays    Unit = "days"    // the mean of the numerator's amounts, whole days
	UnitScore   Unit = "score"   // the mean of the numerator's amounts, one decimal
	UnitRatio   Unit = "ratio"   // numerator per FTE of the denominator, one decimal
)

// Direction says which way is better.
type Direction string

const (
	HigherIsBetter Direction = "higher"
	LowerIsBetter  Direction = "lower"
	NoDirection    Direction = "none" // a measure of demand, neither good nor bad
)

// Period is the span of days an indicator reads, ending on the date it is
// computed at (Window gives the first and last day).
type Period string

const (
	PeriodAt         Period = "at"          // the date itself
	PeriodMonth      Period = "month"       // the month ending on the date
	Period12Months   Period = "12_months"   // the 12 months to the date
	PeriodYear       Period = "year"        // the year to the date: the collection year at 31 March
	PeriodThreeYears Period = "three_years" // three years to the date (Settings.AdoptionYears)
)

// Definition is one indicator of the framework.
type Definition struct {
	ID      string    `json:"id"` // as in shared/domain/indicators.md
	Title   string    `json:"title"`
	Section Section   `json:"section"`
	Unit    Unit      `json:"unit"`
	Better  Direction `json:"direction"`
	// Source is the DfE measure it follows ("DfE: ...") or "local": a
	// measure of the council's own, whose default is the text below and
	// whose timescale is in Settings.
	Source string `json:"source"`
	Period Period `json:"period"`
	// Counts is what one entry of its lists is: children, referrals,
	// assessments, positions...
	Counts string `json:"counts"`
	// Weighted indicators sum their entries' Amount (FTE) rather than
	// counting them.
	Weighted bool   `json:"weighted,omitempty"`
	Text     string `json:"definition"`
}

// Local reports whether the measure is the council's own.
func (d Definition) Local() bool { return d.Source == "local" }

// Lookup returns the definition with the id.
func Lookup(id string) (Definition, bool) {
	for _, d := range Definitions {
		if d.ID == id {
			return d, true
		}
	}
	return Definition{}, false
}

// Definitions is the framework, in the order of indicators.md.
var Definitions = []Definition{
	// Front door and early help.
	{ID: "contacts_month", Title: "Contacts per month", Section: SectionFrontDoor, Unit: UnitCount, Better: NoDirection,
		Source: "local", Period: PeriodMonth, Counts: "contacts",
		Text: "Contacts received at the front door in the month ending on the date."},
	{ID: "contact_decision_24h", Title: "Contact decisions within 24 hours", Section: SectionFrontDoor, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "local", Period: PeriodMonth, Counts: "contacts",
		Text: "Of the contacts decided in the month, those decided within the council's decision time (24 hours by default) of being received. A contact still undecided is not counted; one decided without a recorded time is counted as late."},
	{ID: "referral_rate", Title: "Referrals per 10,000 children", Section: SectionFrontDoor, Unit: UnitRate, Better: NoDirection,
		Source: "DfE: CIN census referrals", Period: Period12Months, Counts: "referrals",
		Text: "Referrals (child in need episodes started, including those with no further action) in the 12 months to the date, per 10,000 children aged 0 to 17."},
	{ID: "rereferral_12m", Title: "Re-referrals within 12 months", Section: SectionFrontDoor, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "DfE: CIN census re-referrals", Period: Period12Months, Counts: "referrals",
		Text: "Of the referrals in the 12 months to the date, those of a child who had an earlier referral dated within the 12 months before this one."},
	{ID: "referral_nfa", Title: "Referrals with no further action", Section: SectionFrontDoor, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "local", Period: Period12Months, Counts: "referrals",
		Text: "Of the referrals in the 12 months to the date, those marked no further action."},
	{ID: "seen_5wd", Title: "Children seen within 5 working days of referral", Section: SectionFrontDoor, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "local", Period: Period12Months, Counts: "referrals",
		Text: "Of the referrals in the 12 months to the date that went on (not no further action) and whose 5 working days had run by the date, those where the child was seen on a visit by the fifth working day after the referral."},
	{ID: "eh_open", Title: "Children in early help", Section: SectionFrontDoor, Unit: UnitCount, Better: NoDirection,
		Source: "local", Period: PeriodAt, Counts: "children",
		Text: "Children with an early help episode open on the date."},
	{ID: "eh_referrals_month", Title: "Referrals to early help per month", Section: SectionFrontDoor, Unit: UnitCount, Better: NoDirection,
		Source: "local", Period: PeriodMonth, Counts: "early help episodes",
		Text: "Early help episodes opened in the month ending on the date."},
	{ID: "eh_step_up", Title: "Early help closures stepping up to social care", Section: SectionFrontDoor, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "local", Period: Period12Months, Counts: "early help episodes",
		Text: "Of the early help episodes closed in the 12 months to the date, those closed because the child stepped up to children's social care."},

	// Assessment, child in need and child protection.
	{ID: "in_assessment", Title: "Children in assessment", Section: SectionAssessment, Unit: UnitCount, Better: NoDirection,
		Source: "local", Period: PeriodAt, Counts: "children",
		Text: "Children with a child and family assessment started and not yet authorised on the date."},
	{ID: "assessment_45wd", Title: "Assessments completed within 45 working days", Section: SectionAssessment, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: CIN census, assessment start to authorisation", Period: PeriodYear, Counts: "assessments",
		Text: "Of the assessments authorised in the year to the date, those authorised no more than 45 working days after they started."},
	{ID: "cin_rate", Title: "Children in need per 10,000 children", Section: SectionAssessment, Unit: UnitRate, Better: NoDirection,
		Source: "DfE: CIN census", Period: PeriodAt, Counts: "children",
		Text: "Children with a child in need episode open on the date (a referral that went on, not closed; children on plans and in care included), per 10,000 children aged 0 to 17."},
	{ID: "cin_plans", Title: "Children on child in need plans", Section: SectionAssessment, Unit: UnitCount, Better: NoDirection,
		Source: "local", Period: PeriodAt, Counts: "children",
		Text: "Children with a child in need plan open on the date."},
	{ID: "cin_visits_in_time", Title: "Children in need visited within timescale", Section: SectionAssessment, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "local", Period: PeriodAt, Counts: "children",
		Text: "Of the children on a child in need plan on the date, those last seen on a visit within the council's interval (4 weeks by default) before the date, or whose plan started less than that interval ago."},
	{ID: "s47_12m", Title: "Section 47 enquiries", Section: SectionAssessment, Unit: UnitCount, Better: NoDirection,
		Source: "local", Period: Period12Months, Counts: "enquiries",
		Text: "Section 47 enquiries started in the 12 months to the date."},
	{ID: "s47_to_icpc", Title: "Section 47 enquiries leading to an initial conference", Section: SectionAssessment, Unit: UnitPercent, Better: NoDirection,
		Source: "local", Period: Period12Months, Counts: "enquiries",
		Text: "Of the Section 47 enquiries started in the 12 months to the date, those an initial child protection conference followed, or whose outcome was to hold one."},
	{ID: "icpc_15wd", Title: "Initial conferences within 15 working days", Section: SectionAssessment, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: CIN census, strategy discussion to ICPC", Period: PeriodYear, Counts: "conferences",
		Text: "Of the initial child protection conferences held in the year to the date after an enquiry (transfers in aside), those held no more than 15 working days after the strategy discussion that started the enquiry (its start, when none is recorded)."},
	{ID: "cp_rate", Title: "Children on child protection plans per 10,000 children", Section: SectionAssessment, Unit: UnitRate, Better: NoDirection,
		Source: "DfE: CIN census", Period: PeriodAt, Counts: "children",
		Text: "Children with a child protection plan open on the date, per 10,000 children aged 0 to 17."},
	{ID: "cp_repeat_2y", Title: "Repeat child protection plans within 2 years", Section: SectionAssessment, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "local", Period: Period12Months, Counts: "plans",
		Text: "Of the child protection plans started in the 12 months to the date, those of a child whose previous plan ended within 2 years (by default) before this one started."},
	{ID: "cp_repeat_ever", Title: "Second or subsequent child protection plans", Section: SectionAssessment, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "DfE: CIN census", Period: PeriodYear, Counts: "plans",
		Text: "Of the child protection plans started in the year to the date, those of a child who had been on a plan before."},
	{ID: "cp_2y_plus", Title: "Child protection plans lasting 2 years or more", Section: SectionAssessment, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "DfE: CIN census", Period: PeriodYear, Counts: "plans",
		Text: "Of the child protection plans ended in the year to the date, those that had lasted 2 years or more."},
	{ID: "cp_reviews_in_time", Title: "Child protection plans reviewed within timescale", Section: SectionAssessment, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: CIN census", Period: PeriodAt, Counts: "children",
		Text: "Of the children on a child protection plan for at least 3 months on the date, those whose every review was on time: the first within 3 months of the plan's start, each later one within 6 months of the last, and none overdue on the date."},
	{ID: "cp_visits_in_time", Title: "Child protection children visited within timescale", Section: SectionAssessment, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "local", Period: PeriodAt, Counts: "children",
		Text: "Of the children on a child protection plan on the date, those seen on a visit within the council's interval (10 working days by default) before the date, or whose plan started less than that interval ago."},

	// Children in care, and missing children.
	{ID: "cla_count", Title: "Children in care", Section: SectionCare, Unit: UnitCount, Better: NoDirection,
		Source: "DfE: SSDA903", Period: PeriodAt, Counts: "children",
		Text: "Children looked after on the date, leaving out those looked after under an agreed series of short breaks (legal status V3 or V4) on it. A child whose care ended on the date is no longer looked after on it."},
	{ID: "cla_rate", Title: "Children in care per 10,000 children", Section: SectionCare, Unit: UnitRate, Better: NoDirection,
		Source: "DfE: SSDA903", Period: PeriodAt, Counts: "children",
		Text: "The children in care on the date, per 10,000 children aged 0 to 17."},
	{ID: "cla_starts_rate", Title: "Children starting to be looked after per 10,000 children", Section: SectionCare, Unit: UnitRate, Better: NoDirection,
		Source: "DfE: SSDA903", Period: PeriodYear, Counts: "children",
		Text: "Children who started a period of care (not of short breaks alone) in the year to the date, each once, per 10,000 children aged 0 to 17."},
	{ID: "ceased_adoption", Title: "Children ceasing care through adoption", Section: SectionCare, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: SSDA903", Period: PeriodYear, Counts: "children",
		Text: "Of the children whose period of care (not of short breaks alone) ended in the year to the date, those whose last one ended in adoption (E11, E12)."},
	{ID: "st_stability", Title: "Short-term placement stability", Section: SectionCare, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: SSDA903, three or more placements in the year", Period: PeriodYear, Counts: "children",
		Text: "Of the children in care on the date, those who had fewer than three placements in the year to it: 100 less the DfE's percentage with three or more. Temporary placements (T0 to T4) are not counted as placements."},
	{ID: "lt_stability", Title: "Long-term placement stability", Section: SectionCare, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: SSDA903", Period: PeriodAt, Counts: "children",
		Text: "Of the children under 16 on the date who had been looked after continuously for at least 2.5 years, those in the same placement for at least 2 years, or placed for adoption with that placement and the one before it together lasting 2 years."},
	{ID: "cla_visits_in_time", Title: "Children in care visited within timescale", Section: SectionCare, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "local", Period: PeriodAt, Counts: "children",
		Text: "Of the children in care on the date, those whose next visit was not overdue on it: seen within a week of their placement, then within 6 weeks of the last visit (12 weeks in a placement agreed long-term and stable, after its first year)."},
	{ID: "cla_reviews_in_time", Title: "Children in care reviews within timescale", Section: SectionCare, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "local", Period: Period12Months, Counts: "reviews due",
		Text: "Of the reviews that fell due in the 12 months to the date, those held by their due day: the first within 20 working days of coming into care, the second within 3 months of the first, then every 6 months."},
	{ID: "health_assessment_in_time", Title: "Health assessments up to date", Section: SectionCare, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: SSDA903 OC2", Period: PeriodAt, Counts: "children",
		Text: "Of the children looked after continuously for 12 months on the date, those whose latest health assessment is up to date on it (within 6 months under 5, 12 months from 5)."},
	{ID: "dental_in_time", Title: "Dental checks up to date", Section: SectionCare, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: SSDA903 OC2", Period: PeriodAt, Counts: "children",
		Text: "Of the children looked after continuously for 12 months on the date, those with a dental check in the 12 months to it."},
	{ID: "sdq_average", Title: "Average SDQ score", Section: SectionCare, Unit: UnitScore, Better: LowerIsBetter,
		Source: "DfE: SSDA903 OC2", Period: PeriodAt, Counts: "children",
		Text: "The mean of the latest SDQ score in the year to the date of the children aged 5 to 16 looked after continuously for 12 months on the date; the denominator lists the whole cohort of that age, so those without a score show."},
	{ID: "foster_placements", Title: "Children in foster placements", Section: SectionCare, Unit: UnitCount, Better: NoDirection,
		Source: "local", Period: PeriodAt, Counts: "children",
		Text: "Children in care on the date in foster care (U1 to U6), by provider: in-house (the council's own carers), agency (private and voluntary) and other; and, across them, those placed with family and friends (U1 to U3)."},
	{ID: "missing_month", Title: "Missing episodes per month", Section: SectionCare, Unit: UnitCount, Better: LowerIsBetter,
		Source: "local", Period: PeriodMonth, Counts: "missing episodes",
		Text: "Episodes of a child missing or away from home or care that started in the month ending on the date, for any child."},
	{ID: "rhi_72h", Title: "Return interviews within 72 hours", Section: SectionCare, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "local", Period: Period12Months, Counts: "missing episodes",
		Text: "Of the missing episodes that ended in the 12 months to the date, those with a return interview held within 72 hours of the return (by the day the 72 hours end)."},

	// Adoption.
	{ID: "a1", Title: "A1: days from entering care to moving in with the adoptive family", Section: SectionAdoption, Unit: UnitDays, Better: LowerIsBetter,
		Source: "DfE: adoption scorecard A1", Period: PeriodThreeYears, Counts: "children",
		Text: "For the children adopted in the three years to the date (one year if asked), the mean of the days from the start of the period of care in which they were adopted to moving in with their adoptive family."},
	{ID: "a10", Title: "A10: days from entering care to moving in with the adoptive family, adjusted for foster carer adoptions", Section: SectionAdoption, Unit: UnitDays, Better: LowerIsBetter,
		Source: "DfE: adoption scorecard A10", Period: PeriodThreeYears, Counts: "children",
		Text: "As A1, but for a child adopted by their foster carers the day they moved in with those carers is used."},
	{ID: "a2", Title: "A2: days from placement order to match", Section: SectionAdoption, Unit: UnitDays, Better: LowerIsBetter,
		Source: "DfE: adoption scorecard A2", Period: PeriodThreeYears, Counts: "children",
		Text: "For the children adopted in the three years to the date (one year if asked), the mean of the days from the court's authority to place (the placement order) to the decision on the match with their adopters."},
	{ID: "adoption_orders", Title: "Adoption orders", Section: SectionAdoption, Unit: UnitCount, Better: NoDirection,
		Source: "local", Period: PeriodYear, Counts: "children",
		Text: "Adoption orders made in the year to the date."},

	// Care leavers.
	{ID: "cl_eet", Title: "Care leavers in education, employment or training", Section: SectionLeavers, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: SSDA903 OC3", Period: PeriodYear, Counts: "young people",
		Text: "Of the care leavers (relevant or former relevant) whose 19th, 20th or 21st birthday fell in the year to the date, those whose activity recorded from 3 months before to 1 month after it was education, employment or training (F and P codes). The 17 and 18 year olds are a group of their own."},
	{ID: "cl_suitable", Title: "Care leavers in suitable accommodation", Section: SectionLeavers, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: SSDA903 OC3", Period: PeriodYear, Counts: "young people",
		Text: "The same cohort, with the accommodation recorded around the birthday suitable (a code ending in 1)."},
	{ID: "cl_in_touch", Title: "Care leavers the council is in touch with", Section: SectionLeavers, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: SSDA903 OC3", Period: PeriodYear, Counts: "young people",
		Text: "The same cohort, recorded as in touch (YES) around the birthday."},

	// Workforce.
	{ID: "vacancy_rate", Title: "Vacancy rate", Section: SectionWorkforce, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "local", Period: PeriodAt, Counts: "positions", Weighted: true,
		Text: "Vacant FTE over budgeted FTE in the establishment."},
	{ID: "agency_rate", Title: "Agency rate", Section: SectionWorkforce, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "local", Period: PeriodAt, Counts: "positions", Weighted: true,
		Text: "Agency FTE over permanent and agency FTE together."},
	{ID: "turnover_rate", Title: "Turnover rate", Section: SectionWorkforce, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "local", Period: Period12Months, Counts: "leavers and positions", Weighted: true,
		Text: "The FTE of permanent staff who left in the 12 months to the date, over the permanent FTE of the establishment."},
	{ID: "caseload_average", Title: "Average caseload", Section: SectionWorkforce, Unit: UnitRatio, Better: LowerIsBetter,
		Source: "local", Period: PeriodAt, Counts: "children per case-holding FTE", Weighted: true,
		Text: "Children allocated to a worker on the date, per FTE (permanent and agency) in the case-holding positions."},
}
