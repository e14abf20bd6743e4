package demo

import (
	"strings"

	"hearth/internal/people"
)

// givenName picks a given name from the background's lists (children's
// names where it has them) that no one else in the household has yet.
func (g *gen) givenName(o *origin, female, child bool, used *[]string) string {
	pool := o.male
	switch {
	case female && child && len(o.childFemale) > 0:
		pool = o.childFemale
	case female:
		pool = o.female
	case child && len(o.childMale) > 0:
		pool = o.childMale
	}
	name := g.pick(pool)
	for try := 0; try < 6 && contains(*used, name); try++ {
		name = g.pick(pool)
	}
	*used = append(*used, name)
	return name
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mansName is the family name a man of the household uses.
func (g *gen) mansName(base string, singhKaur bool) string {
	if singhKaur {
		return "Singh"
	}
	return base
}

// womansName is the family name a woman uses, from the family name base in
// the form men use; married says whether it is her married name.
func (g *gen) womansName(o *origin, base string, singhKaur, married bool) string {
	switch {
	case singhKaur:
		return "Kaur"
	case married && o.begum > 0 && g.chance(o.begum):
		return "Begum"
	}
	return feminine(o.surnames, base, married)
}

// childsName is a child's family name.
func (g *gen) childsName(o *origin, base string, female, singhKaur bool) string {
	switch {
	case singhKaur && female:
		return "Kaur"
	case singhKaur:
		return "Singh"
	case female:
		return feminine(o.surnames, base, false)
	}
	return base
}

// feminine returns the form of a family name that a woman uses, in the
// languages whose family names change with sex (and, in Lithuanian, with
// marriage).
func feminine(rule surnameRule, name string, married bool) string {
	cut := func(suffix, with string) (string, bool) {
		if strings.HasSuffix(name, suffix) {
			return strings.TrimSuffix(name, suffix) + with, true
		}
		return name, false
	}
	switch rule {
	case surnamePolish:
		for _, s := range []string{"ski", "cki", "dzki"} {
			if f, ok := cut(s, s[:len(s)-1]+"a"); ok {
				return f
			}
		}
	case surnameSlavic:
		for _, s := range []string{"ov", "ev", "in"} {
			if strings.HasSuffix(name, s) {
				return name + "a"
			}
		}
	case surnameCzech:
		if f, ok := cut("ý", "á"); ok {
			return f
		}
		if f, ok := cut("a", "ová"); ok {
			return f
		}
		if f, ok := cut("o", "ová"); ok {
			return f
		}
		return name + "ová"
	case surnameLithuanian:
		type form struct{ suffix, wife, daughter string }
		for _, x := range []form{{"ius", "ienė", "iūtė"}, {"as", "ienė", "aitė"}, {"is", "ienė", "ytė"}, {"ys", "ienė", "ytė"}, {"us", "ienė", "utė"}} {
			if strings.HasSuffix(name, x.suffix) {
				if married {
					return strings.TrimSuffix(name, x.suffix) + x.wife
				}
				return strings.TrimSuffix(name, x.suffix) + x.daughter
			}
		}
	case surnameLatvian:
		for _, x := range [][2]string{{"ons", "one"}, {"is", "e"}, {"š", "a"}, {"s", "a"}} {
			if f, ok := cut(x[0], x[1]); ok {
				return f
			}
		}
	case surnameGreek:
		for _, x := range [][2]string{{"os", "ou"}, {"is", "i"}, {"as", "a"}} {
			if f, ok := cut(x[0], x[1]); ok {
				return f
			}
		}
	}
	return name
}

// usernameOf makes a username from a name: lower-case letters a to z and
// digits only, given and family names joined by a dot.
func usernameOf(given, family string) string {
	part := func(s string) string {
		var b strings.Builder
		for _, tok := range people.NameTokens(s) {
			for _, r := range tok {
				switch {
				case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
					b.WriteRune(r)
				default:
					b.WriteString(asciiFold[r])
				}
			}
		}
		return b.String()
	}
	return part(given) + "." + part(family)
}

// asciiFold spells the letters that lose no accent under Unicode
// decomposition (and so survive people.NameTokens) in ASCII.
var asciiFold = map[rune]string{
	'ł': "l", 'ø': "o", 'æ': "ae", 'ß': "ss", 'đ': "d", 'ı': "i", 'œ': "oe", 'þ': "th", 'ð': "d",
}
