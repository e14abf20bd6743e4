package journey

import "hearth/internal/people"

// The journey's code lists are people.CodeList values, not a type of their
// own: the form's drop-down (web's Select) and the pages' code labels already
// take a people.CodeList, so a second type would need a second set of both.
// Has checks a code and Label names it ("" when the list lacks it).

// ReferralSources are the CIN census codes for who referred the child to
// children's social care (the schema's referralsourcetype). A referral on or
// after 1 April 2013 must have one (rule 8866).
var ReferralSources = people.CodeList{
	{Code: "1A", Label: "Individual: family member, relative or carer"},
	{Code: "1B", Label: "Individual: acquaintance, such as a neighbour or childminder"},
	{Code: "1C", Label: "Individual: the child themselves"},
	{Code: "1D", Label: "Individual: other, such as a stranger"},
	{Code: "2A", Label: "School"},
	{Code: "2B", Label: "Education services"},
	{Code: "3A", Label: "Health: GP"},
	{Code: "3B", Label: "Health: health visitor"},
	{Code: "3C", Label: "Health: school nurse"},
	{Code: "3D", Label: "Health: other primary health services"},
	{Code: "3E", Label: "Health: accident and emergency"},
	{Code: "3F", Label: "Health: other, such as a hospice"},
	{Code: "4", Label: "Housing: council housing or a housing association"},
	{Code: "5A", Label: "Council: social care, such as adult social care"},
	{Code: "5B", Label: "Council: another department, such as youth justice (not housing)"},
	{Code: "5C", Label: "Another council, such as its adult social care"},
	{Code: "5D", Label: "Council: early help"},
	{Code: "6", Label: "Police"},
	{Code: "7", Label: "Other legal agency, such as a court, probation, immigration, Cafcass or prison"},
	{Code: "8", Label: "Other, such as a children's centre, an independent provider or a voluntary organisation"},
	{Code: "9", Label: "Anonymous"},
	{Code: "10", Label: "Unknown"},
}

// PrimaryNeeds are the CIN census codes for the main reason the child needs
// services (primaryneedcodetype), in the schema's order: "Not stated" comes
// last on a form although its code is N0. A referral that goes on to further
// action must have one (rule 8610).
var PrimaryNeeds = people.CodeList{
	{Code: "N1", Label: "Abuse or neglect"},
	{Code: "N2", Label: "Child's disability"},
	{Code: "N3", Label: "Parental disability or illness"},
	{Code: "N4", Label: "Family in acute stress"},
	{Code: "N5", Label: "Family dysfunction"},
	{Code: "N6", Label: "Socially unacceptable behaviour"},
	{Code: "N7", Label: "Low income"},
	{Code: "N8", Label: "Absent parenting"},
	{Code: "N9", Label: "Cases other than children in need"},
	{Code: "N0", Label: "Not stated"},
}

// AssessmentFactorNone is the factor "no factors identified". The census
// refuses it beside any other factor (rule 8869), and expects an episode whose
// only assessment found nothing to close as RC8 or RC9 (rule 8873Q).
const AssessmentFactorNone = "21"

// AssessmentFactors are the CIN census codes for the factors identified at
// the end of an assessment (assessmentfactorstype). An assessment may have
// several, each once (rule 8898). The 2022-23 rules still accepted 18A and
// 19A (physical and sexual abuse, whoever by); the 2023-24 schema drops them
// for the B (by another child) and C (by an adult) codes, and the 2024-25
// rules 8945Q and 8950Q query them, so they are not offered here.
var AssessmentFactors = people.CodeList{
	{Code: "1A", Label: "Alcohol misuse by the child"},
	{Code: "1B", Label: "Alcohol misuse by a parent or carer"},
	{Code: "1C", Label: "Alcohol misuse by another person in the household"},
	{Code: "2A", Label: "Drug misuse by the child"},
	{Code: "2B", Label: "Drug misuse by a parent or carer"},
	{Code: "2C", Label: "Drug misuse by another person in the household"},
	{Code: "3A", Label: "Domestic violence against the child"},
	{Code: "3B", Label: "Domestic violence against a parent or carer"},
	{Code: "3C", Label: "Domestic violence against another person in the household"},
	{Code: "4A", Label: "Mental health of the child"},
	{Code: "4B", Label: "Mental health of a parent or carer"},
	{Code: "4C", Label: "Mental health of another person in the family or household"},
	{Code: "5A", Label: "Learning disability of the child"},
	{Code: "5B", Label: "Learning disability of a parent or carer"},
	{Code: "5C", Label: "Learning disability of another person in the family or household"},
	{Code: "6A", Label: "Physical disability or illness of the child"},
	{Code: "6B", Label: "Physical disability or illness of a parent or carer"},
	{Code: "6C", Label: "Physical disability or illness of another person in the family or household"},
	{Code: "7A", Label: "Young carer"},
	{Code: "8B", Label: "Privately fostered: from overseas, intending to return"},
	{Code: "8C", Label: "Privately fostered: from overseas, intending to stay"},
	{Code: "8D", Label: "Privately fostered: from the UK, in an educational placement"},
	{Code: "8E", Label: "Privately fostered: from the UK, in an alternative family arrangement"},
	{Code: "8F", Label: "Privately fostered: other"},
	{Code: "9A", Label: "Unaccompanied asylum-seeking child"},
	{Code: "10A", Label: "Going or being missing"},
	{Code: "11A", Label: "Child sexual exploitation"},
	{Code: "12A", Label: "Trafficking"},
	{Code: "13A", Label: "Gangs"},
	{Code: "14A", Label: "Socially unacceptable behaviour"},
	{Code: "15A", Label: "Self-harm"},
	{Code: "16A", Label: "Neglect"},
	{Code: "17A", Label: "Emotional abuse"},
	{Code: "18B", Label: "Physical abuse by another child"},
	{Code: "18C", Label: "Physical abuse by an adult"},
	{Code: "19B", Label: "Sexual abuse by another child"},
	{Code: "19C", Label: "Sexual abuse by an adult"},
	{Code: "20", Label: "Other"},
	{Code: AssessmentFactorNone, Label: "No factors identified"},
	{Code: "22A", Label: "Female genital mutilation (FGM)"},
	{Code: "23A", Label: "Abuse linked to faith or belief"},
	{Code: "24A", Label: "Child criminal exploitation"},
}

// AbuseCategories are the CIN census codes for the category of abuse of a
// child protection plan (categoryofabuse), initial and latest (rules 8905 and
// 8910). The DfE advises against MUL: a plan should name its main category.
var AbuseCategories = people.CodeList{
	{Code: "PHY", Label: "Physical abuse"},
	{Code: "EMO", Label: "Emotional abuse"},
	{Code: "SAB", Label: "Sexual abuse"},
	{Code: "NEG", Label: "Neglect"},
	{Code: "MUL", Label: "Multiple categories"},
}

// ClosureReasons are the CIN census codes for why a child in need episode
// closed (reasonforclosuretype). A closure date and a reason come together
// (rules 8805 and 8810); RC8 and RC9 close an episode after its assessment,
// which must be there (rule 8825Q), so the episode can have no Section 47
// enquiry, conference or plan (rule 2990).
var ClosureReasons = people.CodeList{
	{Code: "RC1", Label: "Adopted"},
	{Code: "RC2", Label: "Died"},
	{Code: "RC3", Label: "Child arrangements order"},
	{Code: "RC4", Label: "Special guardianship order"},
	{Code: "RC5", Label: "Transferred to another council's services"},
	{Code: "RC6", Label: "Transferred to adult social care"},
	{Code: "RC7", Label: "Services ended for another reason, including no longer in need"},
	{Code: "RC8", Label: "Closed after assessment, no further action"},
	{Code: "RC9", Label: "Closed after assessment, referred to early help"},
}

// The lists below are Hearth's own: no return defines them, so their codes
// are short lower-case words, as in people.OtherNameTypes.

// ContactDecisions say what the front door decided about a contact. Only a
// referral goes on to the CIN census.
var ContactDecisions = people.CodeList{
	{Code: "nfa", Label: "No further action"},
	{Code: "advice", Label: "Information and advice"},
	{Code: "early_help", Label: "Early help"},
	{Code: "referral", Label: "Referral to children's social care"},
}

// EarlyHelpClosures say why an early help episode ended.
var EarlyHelpClosures = people.CodeList{
	{Code: "sustained_progress", Label: "Sustained progress"},
	{Code: "step_up", Label: "Stepped up to children's social care"},
	{Code: "declined", Label: "Family declined further support"},
	{Code: "moved_away", Label: "Moved out of the area"},
	{Code: "no_engagement", Label: "Family did not engage"},
	{Code: "other", Label: "Other"},
}

// FamilyProblems are the ten headline outcomes of the national Supporting
// Families outcomes framework (the programme's guidance for 2022 to 2025),
// each named by the problem a family works on. Early help records them
// because a family's progress against them is what the programme measures,
// and what a council's claims for results rest on.
var FamilyProblems = people.CodeList{
	{Code: "education", Label: "Getting a good education"},
	{Code: "early_years", Label: "Good early years development"},
	{Code: "health", Label: "Improved mental and physical health"},
	{Code: "substance_use", Label: "Promoting recovery and reducing harm from substance use"},
	{Code: "relationships", Label: "Improved family relationships"},
	{Code: "abuse_exploitation", Label: "Children safe from abuse and exploitation"},
	{Code: "crime", Label: "Crime prevention and tackling crime"},
	{Code: "domestic_abuse", Label: "Safe from domestic abuse"},
	{Code: "housing", Label: "Secure housing"},
	{Code: "finance", Label: "Financial stability"},
}

// StrategyOutcomes say what a strategy discussion decided.
var StrategyOutcomes = people.CodeList{
	{Code: "s47", Label: "Section 47 enquiry started"},
	{Code: "no_s47", Label: "No Section 47 enquiry"},
}

// S47Outcomes say what a Section 47 enquiry led to.
var S47Outcomes = people.CodeList{
	{Code: "icpc", Label: "Initial child protection conference"},
	{Code: "cin", Label: "Continue as child in need"},
	{Code: "nfa", Label: "No further action"},
}

// FamilyMeetingOutcomes say how a family meeting (a family group conference
// or similar) ended.
var FamilyMeetingOutcomes = people.CodeList{
	{Code: "plan_agreed", Label: "Plan agreed"},
	{Code: "no_plan", Label: "No plan agreed"},
	{Code: "declined", Label: "Family declined"},
	{Code: "not_held", Label: "Not held"},
}
