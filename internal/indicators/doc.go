// Package indicators computes the performance framework: every indicator of
// shared/domain/indicators.md, from the children's journey records, as at a
// date, with the children (or records, positions, leavers) behind each
// number. It is pure Go: the store loads the children, the establishment and
// the population, and this package judges them.
//
// A figure is made from its lists, never beside them. Each indicator builds
// the entries of its numerator and denominator (Entry: whose, which record,
// the dates that put them there and why), and Result's value is computed
// from those lists alone (valueOf): a count is the numerator's length, a
// percentage the numerator's share of the denominator, a rate the numerator
// per 10,000 of the population, an average the mean of the numerator's
// amounts. So a figure and the list a manager opens always agree. Where the
// framework asks for parts (foster placements by provider; care leavers of
// 17 to 18 and 19 to 21) they are Groups, made the same way.
//
// Periods. Each Definition names the span it reads (Period): the date
// itself, the month ending on it, the 12 months to it, the year to it, or
// three years to it for the adoption scorecard's averages (one year when
// Settings.AdoptionYears asks). The year to the date is the DfE's
// collection year when the date is 31 March: every return is a year to a
// 31 March, so the figure at 31 March is the published one, and at any other
// date it is the same measure over the year to that date, which is what a
// council watches in year. Dates are inclusive at both ends.
//
// Open and closed. A record open on the date counts as open, including one
// that ends on the date, as the framework's rules say. Being looked after
// is the exception the DfE makes: a child whose period of care ends on the
// date ceased to be looked after that day (care.Period.In), as the SSDA903
// counts the children looked after at 31 March.
//
// DfE and local. Where the DfE defines a measure, its timescale is the
// DfE's, fixed here (45 working days for an assessment, 15 for an initial
// conference, 3 then 6 months for reviews), so a council that sets itself
// shorter timescales does not change a published figure. The local measures
// read Settings, which the council's own timescales fill (SettingsFrom), so
// a visit late on a worker's due list is late in the indicator too.
//
// The registry (Definitions) is data, in the order of the framework, so the
// pages, the API and the report list the same indicators with the same
// words; the function of each is kept apart (measures, in compute.go) so a
// Definition can be written as JSON. Prepare indexes the children once for
// many indicators or dates (a framework, a trend); Compute and ComputeAll
// do it for one call.
package indicators
