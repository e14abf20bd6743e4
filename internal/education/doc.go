// Package education holds the education and inclusion half of a child's
// record: the register of schools, attendance, suspensions and permanent
// exclusions, and the SEND timescales of education, health and care (EHC)
// needs assessments and plans. Like package care it is pure: the store loads
// the facts and these functions judge them.
//
// Education's clocks run in school days, which only a school's term dates
// can say; a SchoolCalendar is the council's term dates, entered as data.
// The SEND clocks run in weeks and months from a request or a review, as the
// SEND Regulations 2014 (SI 2014/1530) set them.
package education
