package people

import (
	"cmp"
	"slices"
	"strings"
)

// SimilarNameThreshold is the NameSimilarity at or above which two names count
// as similar for PossibleDuplicate.
//
// At 0.85 these are similar: the same names in another order (1.0); a
// shortened given name, "Jon Smith" and "Jonathan Smith" (0.95); one typo,
// "Jon Smith" and "John Smith" (0.925); an extra middle name, "John Paul
// Smith" and "John Smith" (0.89). These are not: twins with different given
// names, "Amir Khan" and "Aisha Khan" (0.5), or "Jack" and "Jake" (0.5); an
// initial for a given name, "J Smith" and "John Smith" (0.75); a family name
// with no given name against a full name, "Smith" and "John Smith" (0.8).
const SimilarNameThreshold = 0.85

// Token scores used by NameSimilarity.
const (
	scoreExact   = 1.0
	scorePrefix  = 0.9  // "jon" and "jonathan": a short form
	scoreTypo    = 0.85 // one letter added, dropped, changed or two swapped
	scoreTypo2   = 0.8  // two such slips in a long name, "mohammed" and "muhammad"
	scoreInitial = 0.5  // "j" and "john"
	// extraWeight is how much a word that only the longer name has counts
	// against it: a middle name missing from one record is common, so it
	// weighs a quarter of a matched word.
	extraWeight = 0.25
)

// NameSimilarity scores how alike two names are, from 0 (nothing alike) to 1
// (the same words, in any order). It compares the names' NameTokens, so case,
// accents and apostrophes do not count, and a given and a family name that
// have swapped places still match. Each word of one name is paired with at
// most one word of the other; a pair scores 1 when equal, 0.9 when one is a
// short form of the other (a prefix of at least three letters, "Jon" and
// "Jonathan"), 0.85 for one typo (a letter added, dropped, changed, or two
// swapped) in words of three letters or more, 0.8 for two typos in words of
// seven or more, 0.5 for an initial, and 0 otherwise. The score is the pairs'
// total over the shorter name's word count, plus a quarter for each word only
// the longer name has. Names written as one word or two ("McDonald", "Mc
// Donald") score 1. A name with no words scores 0 against anything. The score
// is symmetric.
func NameSimilarity(a, b string) float64 {
	ta, tb := NameTokens(a), NameTokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	if strings.Join(ta, "") == strings.Join(tb, "") {
		return 1
	}
	return max(pairScore(ta, tb), pairScore(tb, ta))
}

// pairScore pairs words greedily, best pairs first; ties go to the earlier
// words of a, then of b. NameSimilarity tries both orders so that the result
// does not depend on which name comes first.
func pairScore(a, b []string) float64 {
	type pair struct {
		i, j  int
		score float64
	}
	var pairs []pair
	for i, x := range a {
		for j, y := range b {
			if s := tokenScore(x, y); s > 0 {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	slices.SortStableFunc(pairs, func(p, q pair) int { return cmp.Compare(q.score, p.score) })
	usedA := make([]bool, len(a))
	usedB := make([]bool, len(b))
	total := 0.0
	for _, p := range pairs {
		if usedA[p.i] || usedB[p.j] {
			continue
		}
		usedA[p.i], usedB[p.j] = true, true
		total += p.score
	}
	short, long := min(len(a), len(b)), max(len(a), len(b))
	return min(1, total/(float64(short)+extraWeight*float64(long-short)))
}

// tokenScore scores two words of a name; see NameSimilarity.
func tokenScore(x, y string) float64 {
	if x == y {
		return scoreExact
	}
	rx, ry := []rune(x), []rune(y)
	if len(rx) > len(ry) {
		rx, ry = ry, rx
	}
	// rx is now the shorter.
	if len(rx) >= 3 && hasRunePrefix(ry, rx) {
		return scorePrefix
	}
	if len(rx) == 1 && ry[0] == rx[0] {
		return scoreInitial
	}
	if len(ry)-len(rx) > 2 {
		return 0
	}
	switch d := editDistance(rx, ry); {
	case d == 1 && len(rx) >= 3:
		return scoreTypo
	case d == 2 && len(rx) >= 7:
		return scoreTypo2
	}
	return 0
}

func hasRunePrefix(s, prefix []rune) bool {
	return len(prefix) <= len(s) && slices.Equal(s[:len(prefix)], prefix)
}

// editDistance counts the insertions, deletions, substitutions and swaps of
// two neighbouring letters that turn a into b (the optimal string alignment
// distance).
func editDistance(a, b []rune) int {
	// Three rows: two back, one back, this one.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// PossibleDuplicate reports whether candidate and existing may be the same
// person, and why, so that someone creating a record can look before making a
// second one. They may be when they share an NHS number, a UPN (either's UPN
// or former UPN), or an LA child id; when they have the same date of birth and
// similar names; or when both are unborn with the same expected date of birth
// and similar names. Names are similar when NameSimilarity reaches
// SimilarNameThreshold for the full names or for any other name of one
// against any name of the other. A record is not a duplicate of itself (the
// same non-zero ID).
func PossibleDuplicate(candidate, existing Person) (bool, string) {
	if candidate.ID != 0 && candidate.ID == existing.ID {
		return false, ""
	}
	c, e := candidate.Identifiers, existing.Identifiers
	if n := NormaliseNHSNumber(c.NHSNumber); n != "" && n == NormaliseNHSNumber(e.NHSNumber) {
		return true, "same NHS number"
	}
	for _, cu := range []string{c.UPN, c.FormerUPN} {
		cu = NormaliseUPN(cu)
		if cu == "" {
			continue
		}
		for _, eu := range []string{e.UPN, e.FormerUPN} {
			if cu == NormaliseUPN(eu) {
				return true, "same UPN"
			}
		}
	}
	if id := strings.TrimSpace(c.LAChildID); id != "" && strings.EqualFold(id, strings.TrimSpace(e.LAChildID)) {
		return true, "same LA child id"
	}
	switch {
	case !candidate.DateOfBirth.IsZero() && candidate.DateOfBirth == existing.DateOfBirth:
		if similarNames(candidate, existing) {
			return true, "same date of birth and a similar name"
		}
	case candidate.DateOfBirth.IsZero() && existing.DateOfBirth.IsZero() &&
		!candidate.ExpectedDateOfBirth.IsZero() && candidate.ExpectedDateOfBirth == existing.ExpectedDateOfBirth:
		if similarNames(candidate, existing) {
			return true, "same expected date of birth and a similar name"
		}
	}
	return false, ""
}

// similarNames reports whether any name of a is similar to any name of b.
func similarNames(a, b Person) bool {
	for _, x := range allNames(a) {
		for _, y := range allNames(b) {
			if NameSimilarity(x, y) >= SimilarNameThreshold {
				return true
			}
		}
	}
	return false
}

// allNames lists a person's full name and each other name, with an other
// name's missing part taken from the main name (an alias may change only the
// family name).
func allNames(p Person) []string {
	names := []string{p.GivenName + " " + p.FamilyName}
	for _, o := range p.OtherNames {
		given, family := o.GivenName, o.FamilyName
		if strings.TrimSpace(given) == "" {
			given = p.GivenName
		}
		if strings.TrimSpace(family) == "" {
			family = p.FamilyName
		}
		names = append(names, given+" "+family)
	}
	return names
}
