package app

import (
	"hearth/internal/civil"
	"hearth/internal/indicators"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/returns/cin"
)

// censusWarnings are the census rules one record breaks, so that the
// practitioner sees them on the record while it can still be put right:
// the child's own census of the collection year today falls in is built
// from their records and validated, and the findings traced to this record
// kept. Rules about the return as a whole, or about the person record, are
// the analyst's check's (CheckReturn) to show. It reads nothing more than
// the record's page already has, so it is not logged apart.
func censusWarnings(p people.Person, records []journey.Record, id journey.ID, today civil.Date) []ReturnFinding {
	h := cin.Header{SoftwareCode: SoftwareCode}
	census, src := cin.BuildWithSources(h, []cin.Child{{Person: p, Records: records}}, cin.Year(indicators.YearOf(today)))
	if len(census.Children) == 0 {
		return nil
	}
	var out []ReturnFinding
	for _, f := range cin.Validate(census).Findings {
		s, ok := src.Of(f)
		if !ok || s.Record != id {
			continue
		}
		out = append(out, ReturnFinding{Rule: f.Rule, Message: f.Message, Query: f.Query, ChildID: f.LAChildID,
			PersonID: s.Person, RecordID: s.Record, Field: f.Field, Where: cinWhere(f)})
	}
	return out
}
