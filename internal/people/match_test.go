package people

import (
	"math"
	"slices"
	"testing"
	"time"
)

func TestNameTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"John Smith", []string{"john", "smith"}},
		{"  JOHN   smith ", []string{"john", "smith"}},
		{"O'Neill", []string{"oneill"}},
		{"O’Neill", []string{"oneill"}},
		{"Smith-Jones", []string{"smith", "jones"}},
		{"Zoë Brontë", []string{"zoe", "bronte"}},
		{"Łukasz", []string{"łukasz"}}, // Ł is a letter of its own, not L with an accent
		{"François Müller", []string{"francois", "muller"}},
		{"St. John", []string{"st", "john"}},
		{"Henry VIII 2nd", []string{"henry", "viii", "2nd"}},
		{"मीना", []string{"मीना"}}, // a Devanagari vowel sign stays in the word
		{"", nil},
		{" - ' ", nil},
	}
	for _, tt := range tests {
		if got := NameTokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("NameTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNameSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"John Smith", "John Smith", 1},
		{"john  SMITH", "John Smith", 1},
		{"Smith John", "John Smith", 1},         // given and family names swapped
		{"McDonald", "Mc Donald", 1},            // one word or two
		{"Jon Smith", "Jonathan Smith", 0.95},   // a short form
		{"Jon Smith", "John Smith", 0.925},      // one typo
		{"Jonh Smith", "John Smith", 0.925},     // two letters swapped
		{"John Smyth", "John Smith", 0.925},     // a changed letter
		{"Mohammed Ali", "Muhammad Ali", 0.9},   // two slips in a long name
		{"John Paul Smith", "John Smith", 0.89}, // a middle name in one record only
		{"J Smith", "John Smith", 0.75},         // an initial
		{"Smith", "John Smith", 0.8},
		{"Amir Khan", "Aisha Khan", 0.5}, // twins
		{"Jack Brown", "Jake Brown", 0.5},
		{"Ella Brown", "Ellie Brown", 0.5},
		{"Mary Smith", "Peter Jones", 0},
		{"", "John Smith", 0},
		{"-", "-", 0},
	}
	for _, tt := range tests {
		got := NameSimilarity(tt.a, tt.b)
		if math.Abs(got-tt.want) > 0.005 {
			t.Errorf("NameSimilarity(%q, %q) = %.3f, want %.3f", tt.a, tt.b, got, tt.want)
		}
		if back := NameSimilarity(tt.b, tt.a); back != got {
			t.Errorf("NameSimilarity is not symmetric for %q, %q: %v and %v", tt.a, tt.b, got, back)
		}
	}
}

func TestSimilarNameThreshold(t *testing.T) {
	similar := [][2]string{
		{"Smith John", "John Smith"},
		{"Jon Smith", "Jonathan Smith"},
		{"Jon Smith", "John Smith"},
		{"John Paul Smith", "John Smith"},
		{"Siobhan O'Neill", "Siobhán ONeill"},
	}
	for _, p := range similar {
		if s := NameSimilarity(p[0], p[1]); s < SimilarNameThreshold {
			t.Errorf("%q and %q score %.3f, below the threshold", p[0], p[1], s)
		}
	}
	different := [][2]string{
		{"Amir Khan", "Aisha Khan"},
		{"Jack Brown", "Jake Brown"},
		{"J Smith", "John Smith"},
		{"Smith", "John Smith"},
		{"Jon Paul Smith", "John Smith"},
	}
	for _, p := range different {
		if s := NameSimilarity(p[0], p[1]); s >= SimilarNameThreshold {
			t.Errorf("%q and %q score %.3f, at or above the threshold", p[0], p[1], s)
		}
	}
}

func TestPossibleDuplicate(t *testing.T) {
	dob := date(2016, time.April, 2)
	base := Person{ID: 7, GivenName: "Jonathan", FamilyName: "Smith", DateOfBirth: dob}
	tests := []struct {
		name      string
		candidate Person
		existing  Person
		want      bool
		reason    string
	}{
		{"same NHS number written differently",
			Person{FamilyName: "Other", Identifiers: Identifiers{NHSNumber: "943 476 5919"}},
			Person{ID: 7, FamilyName: "Name", Identifiers: Identifiers{NHSNumber: "9434765919"}},
			true, "same NHS number"},
		{"same UPN in another case",
			Person{FamilyName: "A", Identifiers: Identifiers{UPN: "p207000016049"}},
			Person{ID: 7, FamilyName: "B", Identifiers: Identifiers{UPN: "P207000016049"}},
			true, "same UPN"},
		{"UPN is the other's former UPN",
			Person{FamilyName: "A", Identifiers: Identifiers{UPN: "P207000016049"}},
			Person{ID: 7, FamilyName: "B", Identifiers: Identifiers{UPN: "B801200005001", FormerUPN: "P207000016049"}},
			true, "same UPN"},
		{"same LA child id",
			Person{FamilyName: "A", Identifiers: Identifiers{LAChildID: "c123"}},
			Person{ID: 7, FamilyName: "B", Identifiers: Identifiers{LAChildID: "C123"}},
			true, "same LA child id"},
		{"same date of birth, a short form of the name",
			Person{GivenName: "Jon", FamilyName: "Smith", DateOfBirth: dob}, base,
			true, "same date of birth and a similar name"},
		{"same date of birth, names swapped",
			Person{GivenName: "Smith", FamilyName: "Jonathan", DateOfBirth: dob}, base,
			true, "same date of birth and a similar name"},
		{"same date of birth, a previous family name",
			Person{GivenName: "Jonathan", FamilyName: "Brown", DateOfBirth: dob},
			Person{ID: 7, GivenName: "Jonathan", FamilyName: "Smith", DateOfBirth: dob, OtherNames: []OtherName{{Type: "previous", FamilyName: "Brown"}}},
			true, "same date of birth and a similar name"},
		{"same date of birth, different given names (twins)",
			Person{GivenName: "Jessica", FamilyName: "Smith", DateOfBirth: dob}, base,
			false, ""},
		{"similar name, different date of birth",
			Person{GivenName: "Jonathan", FamilyName: "Smith", DateOfBirth: dob.AddDays(1)}, base,
			false, ""},
		{"similar name, no dates of birth",
			Person{GivenName: "Jonathan", FamilyName: "Smith"}, Person{ID: 7, GivenName: "Jonathan", FamilyName: "Smith"},
			false, ""},
		{"unborn, same expected date and name",
			Person{FamilyName: "Smith", ExpectedDateOfBirth: dob}, Person{ID: 7, FamilyName: "Smith", ExpectedDateOfBirth: dob},
			true, "same expected date of birth and a similar name"},
		{"empty identifiers do not match",
			Person{GivenName: "A", FamilyName: "B"}, Person{ID: 7, GivenName: "C", FamilyName: "D"},
			false, ""},
		{"the same record",
			base, base,
			false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reason := PossibleDuplicate(tt.candidate, tt.existing)
			if got != tt.want || reason != tt.reason {
				t.Errorf("PossibleDuplicate = %v, %q; want %v, %q", got, reason, tt.want, tt.reason)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"john", "jonh", 1},
		{"john", "jon", 1},
		{"smith", "smyth", 1},
		{"ca", "abc", 3}, // optimal string alignment does not edit a swapped pair again
		{"mohammed", "muhammad", 2},
	}
	for _, tt := range tests {
		if got := editDistance([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
