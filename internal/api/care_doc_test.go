package api

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"hearth/internal/care"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// The schemas of the details of children in care, care leavers, adoption,
// missing children and exploitation (package care), held to their types by
// TestOpenAPISchemasMatchTypes like the rest.
func init() {
	for name, typ := range map[string]reflect.Type{
		"CareEpisode":          reflect.TypeFor[care.Episode](),
		"CareReview":           reflect.TypeFor[care.Review](),
		"CareHealthAssessment": reflect.TypeFor[care.HealthAssessment](),
		"CareDentalCheck":      reflect.TypeFor[care.DentalCheck](),
		"CareImmunisations":    reflect.TypeFor[care.Immunisations](),
		"CareSDQ":              reflect.TypeFor[care.SDQ](),
		"CarePEP":              reflect.TypeFor[care.PEP](),
		"CareUASC":             reflect.TypeFor[care.UASC](),
		"CareAdoption":         reflect.TypeFor[care.Adoption](),
		"CareSGO":              reflect.TypeFor[care.SGO](),
		"CareLeavingCare":      reflect.TypeFor[care.LeavingCare](),
		"CarePathwayPlan":      reflect.TypeFor[care.PathwayPlan](),
		"CareLeaverContact":    reflect.TypeFor[care.LeaverContact](),
		"CareMissing":          reflect.TypeFor[care.Missing](),
		"CareScreening":        reflect.TypeFor[care.Screening](),
		"CareMACE":             reflect.TypeFor[care.MACE](),
	} {
		schemaTypes[name] = typ
	}
}

// TestOpenAPICareEnums holds the document's care code lists to package
// care's (and the category of need to the journey's).
func TestOpenAPICareEnums(t *testing.T) {
	s := loadOpenAPI(t).Components.Schemas
	codes := func(l people.CodeList) []string {
		out := make([]string, 0, len(l))
		for _, c := range l {
			out = append(out, c.Code)
		}
		return out
	}
	for _, tc := range []struct {
		schema, property string
		want             people.CodeList
	}{
		{"CareEpisode", "legal_status", care.LegalStatuses},
		{"CareEpisode", "need", journey.PrimaryNeeds},
		{"CareEpisode", "placement", care.PlacementTypes},
		{"CareEpisode", "provider", care.Providers},
		{"CareEpisode", "reason_new", care.ReasonsNew},
		{"CareEpisode", "reason_ceased", care.ReasonsCeased},
		{"CareEpisode", "reason_place_change", care.PlaceChangeReasons},
		{"CareEpisode", "permanence", care.PermanenceGoals},
		{"CareReview", "participation", care.Participation},
		{"CareSDQ", "reason", care.SDQReasons},
		{"CareAdoption", "adopters_sex", care.AdopterSexes},
		{"CareAdoption", "adopters_status", care.AdopterStatuses},
		{"CareAdoption", "reason_ceased", care.AdoptionCeasedReasons},
		{"CareLeaverContact", "in_touch", care.InTouch},
		{"CareLeaverContact", "activity", care.Activities},
		{"CareLeaverContact", "accommodation", care.Accommodations},
		{"CareScreening", "sexual", care.RiskLevels},
		{"CareScreening", "criminal", care.RiskLevels},
		{"CareScreening", "county_lines", care.RiskLevels},
		{"CareScreening", "trafficking", care.RiskLevels},
	} {
		got := prop(s, tc.schema, tc.property)
		if got == nil {
			t.Errorf("%s.%s: not in the document", tc.schema, tc.property)
			continue
		}
		if diff := cmp.Diff(codes(tc.want), got.Enum); diff != "" {
			t.Errorf("%s.%s enum (-Go +document):\n%s", tc.schema, tc.property, diff)
		}
	}
}

// The schemas of the daily briefing and the hub setting (briefing.go).
func init() {
	for name, typ := range map[string]reflect.Type{
		"BriefingResponse": reflect.TypeFor[briefingResponse](),
		"BriefingRow":      reflect.TypeFor[briefingRow](),
		"HubResponse":      reflect.TypeFor[hubResponse](),
		"HubVersion":       reflect.TypeFor[hubVersion](),
		"HubUpdate":        reflect.TypeFor[hubUpdate](),
	} {
		schemaTypes[name] = typ
	}
	writtenOnly = append(writtenOnly, "BriefingResponse", "BriefingRow", "HubResponse", "HubVersion")
}
