package care

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

func validHousehold() Household {
	return Household{Name: "Mr and Ms Okafor", Type: "mainstream", Approved: civil.MustNew(2019, time.March, 4), Places: 2, Postcode: "WV1 1RG"}
}

func TestHouseholdValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(h *Household)
		field  string // "" for valid
	}{
		{"valid", func(h *Household) {}, ""},
		{"no postcode is allowed", func(h *Household) { h.Postcode = "" }, ""},
		{"an agency's household names its agency", func(h *Household) { h.Type, h.Agency = "agency", "Fostering Partners" }, ""},
		{"family and friends", func(h *Household) { h.Type = "family_friends" }, ""},
		{"deregistered the day approved", func(h *Household) { h.Deregistered = h.Approved }, ""},
		{"approved on 29 February", func(h *Household) { h.Approved = civil.MustNew(2024, time.February, 29) }, ""},
		{"one place", func(h *Household) { h.Places = 1 }, ""},
		{"six places, by exemption", func(h *Household) { h.Places = MaxPlaces }, ""},
		{"name at the limit", func(h *Household) { h.Name = strings.Repeat("é", MaxHouseholdName) }, ""},

		{"no name", func(h *Household) { h.Name = "" }, "name"},
		{"name too long", func(h *Household) { h.Name = strings.Repeat("a", MaxHouseholdName+1) }, "name"},
		{"name with a line break", func(h *Household) { h.Name = "Mr\nOkafor" }, "name"},
		{"name with a bidirectional control", func(h *Household) { h.Name = "Mr \u202eOkafor" }, "name"},
		{"no type", func(h *Household) { h.Type = "" }, "type"},
		{"unknown type", func(h *Household) { h.Type = "residential" }, "type"},
		{"agency household without its agency", func(h *Household) { h.Type = "agency" }, "agency"},
		{"agency named for the council's own", func(h *Household) { h.Agency = "Fostering Partners" }, "agency"},
		{"no approval date", func(h *Household) { h.Approved = civil.Date{} }, "approved"},
		{"approval not a real date", func(h *Household) { h.Approved = civil.Date{Year: 2023, Month: time.February, Day: 29} }, "approved"},
		{"deregistered before approved", func(h *Household) { h.Deregistered = h.Approved.AddDays(-1) }, "deregistered"},
		{"deregistration not a real date", func(h *Household) { h.Deregistered = civil.Date{Year: 2023, Month: time.April, Day: 31} }, "deregistered"},
		{"no places", func(h *Household) { h.Places = 0 }, "places"},
		{"negative places", func(h *Household) { h.Places = -1 }, "places"},
		{"too many places", func(h *Household) { h.Places = MaxPlaces + 1 }, "places"},
		{"postcode not a postcode", func(h *Household) { h.Postcode = "WV1" }, "postcode"},
		{"BFPO refused", func(h *Household) { h.Postcode = "BFPO 105" }, "postcode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := validHousehold()
			tt.change(&h)
			err := h.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			e := errs.As(err)
			if e == nil || e.Code != errs.Invalid {
				t.Fatalf("want invalid naming %s, got %v", tt.field, err)
			}
			if !errs.Fields(e.Fields).Has(tt.field) || len(e.Fields) != 1 {
				t.Errorf("want only %s named, got %+v", tt.field, e.Fields)
			}
		})
	}
}

func TestHouseholdValidateNamesEveryField(t *testing.T) {
	err := Household{Type: "agency", Deregistered: civil.Date{Year: 2023, Month: time.April, Day: 31}, Places: 9, Postcode: "nowhere"}.Validate()
	e := errs.As(err)
	if e == nil {
		t.Fatal("an empty household is valid")
	}
	for _, f := range []string{"name", "agency", "approved", "deregistered", "places", "postcode"} {
		if !errs.Fields(e.Fields).Has(f) {
			t.Errorf("%s not named in %+v", f, e.Fields)
		}
	}
}

func TestHouseholdNormalise(t *testing.T) {
	h := Household{Name: "  Mr   and Ms\u00a0Okafor ", Type: " Mainstream ", Agency: " ", Postcode: " wv11rg "}
	h.Normalise()
	want := Household{Name: "Mr and Ms Okafor", Type: "mainstream", Postcode: "WV1 1RG"}
	if h != want {
		t.Errorf("got %+v, want %+v", h, want)
	}
	blank := Household{Postcode: "   "}
	blank.Normalise()
	if blank.Postcode != "" {
		t.Errorf("a blank postcode became %q", blank.Postcode)
	}
	again := h
	again.Normalise()
	if again != h {
		t.Errorf("not idempotent: %+v then %+v", h, again)
	}
}

func TestHouseholdEnded(t *testing.T) {
	d := civil.MustNew(2023, time.March, 31)
	tests := []struct {
		deregistered civil.Date
		ended        bool
	}{
		{civil.Date{}, false},
		{d.AddDays(1), false},
		{d, true},
		{d.AddDays(-1), true},
	}
	for _, tt := range tests {
		h := Household{Deregistered: tt.deregistered}
		if got := h.Ended(d); got != tt.ended {
			t.Errorf("deregistered %v: ended on %v is %v, want %v", tt.deregistered, d, got, tt.ended)
		}
	}
}

func TestCountFoster(t *testing.T) {
	eps := []Episode{
		{Placement: "U1", Provider: "PR1"}, // family and friends, in-house
		{Placement: "U3", Provider: "PR1"},
		{Placement: "U4", Provider: "PR1"},
		{Placement: "U6", Provider: "PR4"}, // private agency
		{Placement: "U5", Provider: "PR5"}, // voluntary agency
		{Placement: "U4", Provider: "PR2"}, // another council's carers
		{Placement: "U2", Provider: ""},    // provider not recorded
		{Placement: "K2", Provider: "PR4"}, // a children's home: not foster care
		{Placement: "P1", Provider: "PR0"},
		{Placement: "T3", Provider: "PR1"}, // a temporary move is not counted
	}
	got := CountFoster(eps)
	want := FosterCounts{InHouse: 3, Agency: 2, Other: 2, FamilyAndFriends: 3}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got.Total() != 7 {
		t.Errorf("total %d, want 7", got.Total())
	}
	if (CountFoster(nil) != FosterCounts{}) {
		t.Error("no episodes count something")
	}
}

func TestFosterPlacement(t *testing.T) {
	for _, c := range PlacementTypes {
		want := strings.HasPrefix(c.Code, "U")
		if got := FosterPlacement(c.Code); got != want {
			t.Errorf("%s: foster %v, want %v", c.Code, got, want)
		}
		ff := c.Code == "U1" || c.Code == "U2" || c.Code == "U3"
		if got := FamilyAndFriends(c.Code); got != ff {
			t.Errorf("%s: family and friends %v, want %v", c.Code, got, ff)
		}
	}
}
