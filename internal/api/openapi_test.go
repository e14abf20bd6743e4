package api

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/indicators"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/returns/load"
	"hearth/internal/store"
)

// openAPIDoc is the part of the OpenAPI document the tests read.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Security   []map[string][]string                 `json:"security"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas         map[string]schema          `json:"schemas"`
		Parameters      map[string]parameter       `json:"parameters"`
		Responses       map[string]json.RawMessage `json:"responses"`
		SecuritySchemes map[string]json.RawMessage `json:"securitySchemes"`
	} `json:"components"`
}

type schema struct {
	Type       any               `json:"type"`
	Properties map[string]schema `json:"properties"`
	Required   []string          `json:"required"`
	Enum       []string          `json:"enum"`
	Items      *schema           `json:"items"`
	Ref        string            `json:"$ref"`
}

type parameter struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

type operation struct {
	OperationID string                     `json:"operationId"`
	Parameters  []parameter                `json:"parameters"`
	RequestBody json.RawMessage            `json:"requestBody"`
	Responses   map[string]json.RawMessage `json:"responses"`
	Security    *[]map[string][]string     `json:"security"`
}

var httpMethods = []string{"get", "put", "post", "delete", "patch", "head", "options", "trace"}

func loadOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi is %q, want 3.1.x", doc.OpenAPI)
	}
	return doc
}

// openAPIPath writes a ServeMux pattern's path the OpenAPI way: {name...}
// becomes {name}, and {$} goes.
func openAPIPath(pattern string) string {
	pattern = strings.ReplaceAll(pattern, "...}", "}")
	return strings.TrimSuffix(pattern, "{$}")
}

// operations returns every operation in the document by "METHOD /path".
func operations(t *testing.T, doc openAPIDoc) map[string]operation {
	t.Helper()
	ops := map[string]operation{}
	for path, item := range doc.Paths {
		for key, raw := range item {
			if !slices.Contains(httpMethods, key) {
				continue
			}
			var op operation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s %s: %v", key, path, err)
			}
			ops[strings.ToUpper(key)+" "+path] = op
		}
	}
	return ops
}

// TestOpenAPIDescribesEveryRoute holds the document and Routes to the same
// set of paths and methods, so neither can change without the other.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	doc := loadOpenAPI(t)
	var want []string
	for _, rt := range New(nil, nil).Routes() {
		want = append(want, rt.Method+" "+openAPIPath(rt.Pattern))
	}
	var got []string
	for k := range operations(t, doc) {
		got = append(got, k)
	}
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("routes (-) and OpenAPI operations (+) differ:\n%s", diff)
	}
}

// TestOpenAPIOperations checks what each operation must say: a unique
// operationId; its path parameters; no security for public routes and bearer
// for the rest, with a 401 answer; and, with a request body, the answers a
// body can get.
func TestOpenAPIOperations(t *testing.T) {
	doc := loadOpenAPI(t)
	if !slices.ContainsFunc(doc.Security, func(s map[string][]string) bool { _, ok := s["bearer"]; return ok }) {
		t.Errorf("the document's security does not require the bearer scheme")
	}
	if _, ok := doc.Components.SecuritySchemes["bearer"]; !ok {
		t.Errorf("no bearer security scheme")
	}
	ops := operations(t, doc)
	ids := map[string]string{}
	for _, rt := range New(nil, nil).Routes() {
		path := openAPIPath(rt.Pattern)
		key := rt.Method + " " + path
		op, ok := ops[key]
		if !ok {
			continue // reported by TestOpenAPIDescribesEveryRoute
		}
		if op.OperationID == "" {
			t.Errorf("%s: no operationId", key)
		} else if other, dup := ids[op.OperationID]; dup {
			t.Errorf("%s and %s share operationId %s", key, other, op.OperationID)
		}
		ids[op.OperationID] = key

		// Every {name} in the path is declared, at the path or the operation.
		declared := map[string]bool{}
		var pathParams []parameter
		if raw, ok := doc.Paths[path]["parameters"]; ok {
			if err := json.Unmarshal(raw, &pathParams); err != nil {
				t.Fatalf("%s parameters: %v", path, err)
			}
		}
		for _, p := range append(pathParams, op.Parameters...) {
			if p.Ref != "" {
				p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
			}
			if p.In == "path" {
				declared[p.Name] = true
			}
		}
		for _, seg := range strings.Split(path, "/") {
			if name, ok := strings.CutPrefix(seg, "{"); ok && !declared[strings.TrimSuffix(name, "}")] {
				t.Errorf("%s: path parameter %s is not declared", key, seg)
			}
		}

		switch {
		case rt.Public && (op.Security == nil || len(*op.Security) != 0):
			t.Errorf("%s is public but its security is not []", key)
		case !rt.Public && op.Security != nil:
			t.Errorf("%s needs a token but overrides the document's security", key)
		case !rt.Public && op.Responses["401"] == nil:
			t.Errorf("%s needs a token but has no 401 response", key)
		}
		if op.RequestBody != nil {
			for _, code := range []string{"400", "413", "415", "422"} {
				if op.Responses[code] == nil {
					t.Errorf("%s takes a body but has no %s response", key, code)
				}
			}
		}
	}
}

// TestOpenAPIReferences checks that every $ref in the document points at
// something that is there.
func TestOpenAPIReferences(t *testing.T) {
	var doc any
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if !resolves(doc, ref) {
					t.Errorf("$ref %s does not resolve", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
}

func resolves(doc any, ref string) bool {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return false
	}
	cur := doc
	for _, part := range strings.Split(rest, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[part]; !ok {
			return false
		}
	}
	return true
}

// schemaTypes pairs each object schema in the document with the Go type that
// is encoded or decoded as it.
var schemaTypes = map[string]reflect.Type{
	"Error":                reflect.TypeFor[errorResponse](),
	"Imported":             reflect.TypeFor[app.Imported](),
	"ImportProblem":        reflect.TypeFor[load.Problem](),
	"ImportProblems":       reflect.TypeFor[importProblems](),
	"FieldError":           reflect.TypeFor[errs.Field](),
	"Person":               reflect.TypeFor[people.Person](),
	"OtherName":            reflect.TypeFor[people.OtherName](),
	"Identifiers":          reflect.TypeFor[people.Identifiers](),
	"Address":              reflect.TypeFor[people.Address](),
	"PersonSummary":        reflect.TypeFor[personSummary](),
	"Relationship":         reflect.TypeFor[people.Relationship](),
	"RelationshipView":     reflect.TypeFor[relationshipView](),
	"Involvement":          reflect.TypeFor[store.Involvement](),
	"InvolvementEnd":       reflect.TypeFor[endInvolvementRequest](),
	"InvolvementResponse":  reflect.TypeFor[involvementResponse](),
	"Involvements":         reflect.TypeFor[involvementList](),
	"InvolvementVersion":   reflect.TypeFor[involvementVersion](),
	"InvolvementHistory":   reflect.TypeFor[involvementHistory](),
	"Version":              reflect.TypeFor[personVersion](),
	"RelationshipVersion":  reflect.TypeFor[relationshipVersion](),
	"Duplicate":            reflect.TypeFor[duplicate](),
	"User":                 reflect.TypeFor[access.User](),
	"Team":                 reflect.TypeFor[access.Team](),
	"Service":              reflect.TypeFor[access.Service](),
	"Grant":                reflect.TypeFor[access.Grant](),
	"AccessEntry":          reflect.TypeFor[accessEntry](),
	"Token":                reflect.TypeFor[token](),
	"PersonRequest":        reflect.TypeFor[personRequest](),
	"RelationshipRequest":  reflect.TypeFor[relationshipRequest](),
	"NewUser":              reflect.TypeFor[newUserRequest](),
	"UserUpdate":           reflect.TypeFor[userUpdate](),
	"NewTeam":              reflect.TypeFor[newTeam](),
	"NewService":           reflect.TypeFor[newService](),
	"RestrictionRequest":   reflect.TypeFor[restrictionRequest](),
	"NewGrant":             reflect.TypeFor[grantRequest](),
	"NewToken":             reflect.TypeFor[newToken](),
	"SearchResult":         reflect.TypeFor[searchResult](),
	"CheckResult":          reflect.TypeFor[checkResult](),
	"PersonResponse":       reflect.TypeFor[personResponse](),
	"PersonPage":           reflect.TypeFor[personPage](),
	"History":              reflect.TypeFor[history](),
	"Relationships":        reflect.TypeFor[relationshipList](),
	"RelationshipResponse": reflect.TypeFor[relationshipResponse](),
	"Users":                reflect.TypeFor[userList](),
	"UserResponse":         reflect.TypeFor[userResponse](),
	"Teams":                reflect.TypeFor[teamList](),
	"TeamResponse":         reflect.TypeFor[teamResponse](),
	"ServiceResponse":      reflect.TypeFor[serviceResponse](),
	"GrantResponse":        reflect.TypeFor[grantResponse](),
	"AccessLog":            reflect.TypeFor[accessLogResponse](),
	"BreakGlassWeek":       reflect.TypeFor[breakGlassWeek](),
	"BreakGlassReport":     reflect.TypeFor[breakGlassResponse](),
	"Tokens":               reflect.TypeFor[tokenList](),
	"NewTokenResponse":     reflect.TypeFor[newTokenResponse](),
	"UserHistory":          reflect.TypeFor[userHistory](),
	"UserVersion":          reflect.TypeFor[userVersion](),
	"ReasonNeeded":         reflect.TypeFor[reasonNeeded](),
	"AccessRequest":        reflect.TypeFor[accessRequest](),
	"AccessResponse":       reflect.TypeFor[accessResponse](),

	"JourneyRecord":         reflect.TypeFor[journey.Record](),
	"JourneyContact":        reflect.TypeFor[journey.Contact](),
	"JourneyEarlyHelp":      reflect.TypeFor[journey.EarlyHelp](),
	"JourneyReferral":       reflect.TypeFor[journey.Referral](),
	"JourneyAssessment":     reflect.TypeFor[journey.Assessment](),
	"JourneyStrategy":       reflect.TypeFor[journey.Strategy](),
	"JourneyS47":            reflect.TypeFor[journey.S47](),
	"JourneyICPC":           reflect.TypeFor[journey.ICPC](),
	"JourneyPlan":           reflect.TypeFor[journey.Plan](),
	"JourneyReview":         reflect.TypeFor[journey.Review](),
	"JourneyVisit":          reflect.TypeFor[journey.Visit](),
	"JourneyNote":           reflect.TypeFor[journey.Note](),
	"JourneyAllocation":     reflect.TypeFor[journey.Allocation](),
	"JourneyFamilyMeeting":  reflect.TypeFor[journey.FamilyMeeting](),
	"NewJourneyRecord":      reflect.TypeFor[newJourneyRecord](),
	"JourneyChange":         reflect.TypeFor[journeyChange](),
	"JourneyRecordResponse": reflect.TypeFor[journeyRecordResponse](),
	"JourneyVersion":        reflect.TypeFor[journeyVersion](),
	"JourneyRecordPage":     reflect.TypeFor[journeyRecordPage](),
	"JourneyPage":           reflect.TypeFor[journeyPage](),
	"DueItem":               reflect.TypeFor[journey.Item](),
	"Period":                reflect.TypeFor[journey.Period](),
	"ChronologyEvent":       reflect.TypeFor[journey.Event](),
	"ContactDecision":       reflect.TypeFor[app.ContactDecision](),
	"ContactDecisionResult": reflect.TypeFor[decisionResult](),
	"AllocationRequest":     reflect.TypeFor[app.Allocation](),
	"PlacementMoveRequest":  reflect.TypeFor[app.PlacementMove](),
	"PlacementMoveResponse": reflect.TypeFor[placementMoveResponse](),
	"WorkPage":              reflect.TypeFor[workPage](),
	"Timescales":            reflect.TypeFor[journey.Timescales](),
	"TimescalesResponse":    reflect.TypeFor[timescalesResponse](),
	"TimescalesVersion":     reflect.TypeFor[timescalesVersion](),
	"TimescalesUpdate":      reflect.TypeFor[timescalesUpdate](),
	"WorkChild":             reflect.TypeFor[workChild](),
	"DueRow":                reflect.TypeFor[dueRow](),
	"ExclusionFlag":         reflect.TypeFor[flagRow](),
	"MeetingCounts":         reflect.TypeFor[meetingCounts](),

	"Household":             reflect.TypeFor[care.Household](),
	"HouseholdFields":       reflect.TypeFor[householdFields](),
	"NewHousehold":          reflect.TypeFor[newHousehold](),
	"HouseholdChangeFields": reflect.TypeFor[householdChangeFields](),
	"HouseholdChange":       reflect.TypeFor[householdChange](),
	"Households":            reflect.TypeFor[householdsResponse](),
	"HouseholdResponse":     reflect.TypeFor[householdResponse](),
	"PlacedChild":           reflect.TypeFor[placedChild](),
	"HouseholdPage":         reflect.TypeFor[householdPageResponse](),
	"HouseholdVersion":      reflect.TypeFor[householdVersion](),
	"HouseholdHistory":      reflect.TypeFor[householdHistory](),
	"FosterCounts":          reflect.TypeFor[care.FosterCounts](),
	"PlacementCounts":       reflect.TypeFor[placementCounts](),
	"Indicators":            reflect.TypeFor[indicatorsResponse](),
	"IndicatorFigure":       reflect.TypeFor[indicatorFigure](),
	"IndicatorGroup":        reflect.TypeFor[indicatorGroup](),
	"IndicatorResponse":     reflect.TypeFor[indicatorResponse](),
	"IndicatorList":         reflect.TypeFor[indicatorList](),
	"IndicatorEntry":        reflect.TypeFor[indicatorEntry](),
	"Target":                reflect.TypeFor[indicators.Target](),

	"EducationRecord":           reflect.TypeFor[education.Record](),
	"EducationRoll":             reflect.TypeFor[education.Roll](),
	"EducationNeed":             reflect.TypeFor[education.Need](),
	"EducationSENSupport":       reflect.TypeFor[education.SENSupport](),
	"EHCRequest":                reflect.TypeFor[education.EHCRequest](),
	"EHCPlan":                   reflect.TypeFor[education.EHCPlan](),
	"EHCPlanReview":             reflect.TypeFor[education.PlanReview](),
	"EHCPhaseTransfer":          reflect.TypeFor[education.PhaseTransfer](),
	"SchoolExclusion":           reflect.TypeFor[education.SchoolExclusion](),
	"CMEEnquiry":                reflect.TypeFor[education.CMEEnquiry](),
	"CMEStep":                   reflect.TypeFor[education.CMEStep](),
	"EHE":                       reflect.TypeFor[education.EHE](),
	"EHEContact":                reflect.TypeFor[education.EHEContact](),
	"ISAPPReferral":             reflect.TypeFor[education.ISAPPReferral](),
	"NewEducationRecord":        reflect.TypeFor[newEducationRecord](),
	"EducationChange":           reflect.TypeFor[educationChange](),
	"EducationRecordResponse":   reflect.TypeFor[educationRecordResponse](),
	"EducationVersion":          reflect.TypeFor[educationVersion](),
	"EducationDeadline":         reflect.TypeFor[education.Deadline](),
	"EducationRecordPage":       reflect.TypeFor[educationRecordPage](),
	"EducationRecordWithClocks": reflect.TypeFor[educationRecordIn](),
	"SchoolSpan":                reflect.TypeFor[education.SchoolSpan](),
	"EducationSummary":          reflect.TypeFor[education.Summary](),
	"EducationPage":             reflect.TypeFor[educationPage](),
	"CMEReferral":               reflect.TypeFor[education.CMEReferral](),
	"CMEReferralWithFlag":       reflect.TypeFor[cmeReferralOut](),
	"CMEQueue":                  reflect.TypeFor[cmeQueue](),
	"CMEReferralVersion":        reflect.TypeFor[cmeReferralVersion](),
	"CMEReferralPage":           reflect.TypeFor[cmeReferralPage](),
	"CMEMatch":                  reflect.TypeFor[cmeMatch](),
	"CMEClose":                  reflect.TypeFor[cmeClose](),
	"SchoolTerm":                reflect.TypeFor[education.Term](),
	"SchoolCalendar":            reflect.TypeFor[education.SchoolCalendar](),
	"TermDatesResponse":         reflect.TypeFor[termDatesResponse](),
	"TermDatesVersion":          reflect.TypeFor[termDatesVersion](),
	"TermDatesUpdate":           reflect.TypeFor[termDatesUpdate](),
	"AttendanceYear":            reflect.TypeFor[education.AttendanceYear](),
	"EHERegister":               reflect.TypeFor[eheRegisterResponse](),
	"EHEChild":                  reflect.TypeFor[eheChild](),
	"CMEList":                   reflect.TypeFor[cmeListResponse](),
	"CMEChild":                  reflect.TypeFor[cmeChild](),
}

// writtenOnly are the schemas only ever written by the API: every field that
// is always present must be listed as required, so clients may rely on it.
var writtenOnly = []string{
	"Error", "FieldError", "PersonSummary", "RelationshipView", "Involvement", "Version", "RelationshipVersion", "Duplicate",
	"User", "Team", "Service", "Grant", "AccessEntry", "Token",
	"SearchResult", "CheckResult", "PersonResponse", "PersonPage", "History", "Relationships",
	"RelationshipResponse", "Users", "UserResponse", "Teams", "TeamResponse", "ServiceResponse",
	"GrantResponse", "AccessLog", "Tokens", "NewTokenResponse", "UserHistory", "UserVersion",
	"ReasonNeeded", "AccessResponse",
	"BreakGlassWeek", "BreakGlassReport",
	"InvolvementResponse", "Involvements", "InvolvementVersion", "InvolvementHistory",
	"JourneyRecordResponse", "JourneyVersion", "JourneyRecordPage", "JourneyPage", "DueItem", "Period", "ChronologyEvent",
	"ContactDecisionResult", "WorkPage", "WorkChild", "DueRow", "MeetingCounts",
	"TimescalesResponse", "TimescalesVersion",
	"Household", "Households", "HouseholdResponse", "PlacedChild", "HouseholdPage", "HouseholdVersion", "HouseholdHistory",
	"FosterCounts", "PlacementCounts",
	"Indicators", "IndicatorFigure", "IndicatorGroup", "IndicatorResponse", "IndicatorList", "IndicatorEntry",
	"EducationRecordResponse", "EducationVersion", "EducationDeadline", "EducationRecordPage", "EducationRecordWithClocks",
	"SchoolSpan", "EducationSummary", "EducationPage", "AttendanceYear",
	"CMEReferral", "CMEReferralWithFlag", "CMEQueue", "CMEReferralVersion", "CMEReferralPage",
	"TermDatesResponse", "TermDatesVersion", "EHERegister", "EHEChild", "CMEList", "CMEChild",
}

// jsonFields returns a struct type's JSON names, and those always written.
func jsonFields(t reflect.Type) (all, always []string) {
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct && sf.Tag.Get("json") == "" {
			// An embedded struct's fields are written as if they were this one's.
			a, w := jsonFields(sf.Type)
			all, always = append(all, a...), append(always, w...)
			continue
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		all = append(all, name)
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			always = append(always, name)
		}
	}
	sort.Strings(all)
	sort.Strings(always)
	return all, always
}

// TestOpenAPISchemasMatchTypes holds each schema to the fields of its Go
// type, so that a field added to a record, a request or a response without
// the document (or the other way round) fails here.
func TestOpenAPISchemasMatchTypes(t *testing.T) {
	doc := loadOpenAPI(t)
	for name, s := range doc.Components.Schemas {
		if s.Properties == nil {
			continue // not an object schema (Role)
		}
		if _, ok := schemaTypes[name]; !ok {
			t.Errorf("schema %s has no Go type in schemaTypes", name)
		}
	}
	for name, typ := range schemaTypes {
		s, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("no schema %s for %s", name, typ)
			continue
		}
		if name == "Error" {
			// The body is {"error": {...}}; compare the inner object.
			typ, s = reflect.TypeFor[errorBody](), s.Properties["error"]
		}
		all, always := jsonFields(typ)
		var props []string
		for p := range s.Properties {
			props = append(props, p)
		}
		sort.Strings(props)
		if diff := cmp.Diff(all, props); diff != "" {
			t.Errorf("schema %s and type %s differ in fields (-type +schema):\n%s", name, typ, diff)
		}
		if slices.Contains(writtenOnly, name) {
			req := slices.Clone(s.Required)
			sort.Strings(req)
			if diff := cmp.Diff(always, req); diff != "" {
				t.Errorf("schema %s: required should be the fields %s always writes (-type +schema):\n%s", name, typ, diff)
			}
		}
		for _, r := range s.Required {
			if !slices.Contains(props, r) {
				t.Errorf("schema %s requires %s, which it does not have", name, r)
			}
		}
	}
}

// TestOpenAPIEnums holds the document's code lists to the Go ones.
func TestOpenAPIEnums(t *testing.T) {
	doc := loadOpenAPI(t)
	var roles []string
	for _, r := range access.Roles {
		roles = append(roles, string(r))
	}
	if diff := cmp.Diff(roles, doc.Components.Schemas["Role"].Enum); diff != "" {
		t.Errorf("Role enum (-access.Roles +document):\n%s", diff)
	}
	var kinds []string
	for _, k := range access.InvolvementKinds {
		kinds = append(kinds, k.Code)
	}
	if diff := cmp.Diff(kinds, doc.Components.Schemas["Involvement"].Properties["kind"].Enum); diff != "" {
		t.Errorf("Involvement kind enum (-access.InvolvementKinds +document):\n%s", diff)
	}
	codes := []string{
		string(errs.Invalid), string(errs.NotFound), string(errs.Conflict), string(errs.Unauthenticated),
		string(errs.Forbidden), string(errs.ReasonRequired), string(errs.TooMany), string(errs.TooLarge), string(errs.BadRequest), string(errs.Internal),
	}
	got := doc.Components.Schemas["Error"].Properties["error"].Properties["code"].Enum
	if diff := cmp.Diff(codes, got); diff != "" {
		t.Errorf("error code enum (-errs +document):\n%s", diff)
	}
}
