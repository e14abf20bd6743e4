package ssda903

import "slices"

// ValidateWithLast is Validate, then the rules that compare the return
// with last year's: the episode, missing period and social worker episode
// each child was in at its end carry on into this year's, and a child's
// sex, date of birth and ethnicity stay as they were. Validate alone
// cannot judge them; with last year's return they are judged here.
func ValidateWithLast(r, last Return) []Finding {
	out := Validate(r)
	c := newChecker(&r)
	c.last = newChecker(&last)
	for _, ru := range lastRules {
		if r.Year < ru.from {
			continue
		}
		out = append(out, c.run(ru)...)
	}
	return out
}

// lastRules are the DfE's rules that compare with last year's return
// (the tables named "_last" in shared/domain/ssda903-rules.tsv).
var lastRules = []rule{
	{code: "202", message: "The child's sex differs from last year's return", check: sameAsLast("SEX", func(h HeaderRow, y Year) string { return sexAsMF(h.Sex, y) })},
	{code: "203", message: "The child's date of birth differs from last year's return", check: sameAsLast("DOB", func(h HeaderRow, _ Year) string { return h.DOB.String() })},
	{code: "204", message: "The child's ethnicity differs from last year's return", check: sameAsLast("ETHNIC", func(h HeaderRow, _ Year) string { return h.Ethnic })},
	{code: "502", message: "Last year's return ended with an episode open, but this year's first episode began on another day", check: firstAsOpen("DECOM", func(e EpisodeRow) string { return e.DECOM.String() })},
	{code: "503A", message: "The first episode's reason for a new episode differs from the episode open at the end of last year", check: firstAsOpen("RNE", func(e EpisodeRow) string { return e.RNE })},
	{code: "503B", message: "The first episode's legal status differs from the episode open at the end of last year", check: firstAsOpen("LS", func(e EpisodeRow) string { return e.LS })},
	{code: "503C", message: "The first episode's category of need differs from the episode open at the end of last year", check: firstAsOpen("CIN", func(e EpisodeRow) string { return e.CIN })},
	{code: "503D", message: "The first episode's placement type differs from the episode open at the end of last year", check: firstAsOpen("PLACE", func(e EpisodeRow) string { return e.Place })},
	{code: "503E", message: "The first episode's placement provider differs from the episode open at the end of last year", check: firstAsOpen("PLACE_PROVIDER", func(e EpisodeRow) string { return e.PlaceProvider })},
	{code: "503F", message: "The first episode's Ofsted URN differs from the episode open at the end of last year", check: firstAsOpen("URN", func(e EpisodeRow) string { return e.URN })},
	{code: "562", message: "The episode began before this year, but last year's return has no episode from that day", check: r562},
	{code: "NoE", message: "The child started to be looked after before this year, but last year's return has no episodes for them", check: rNoE},
	{code: "576", message: "Last year's return ended with the child missing, but this year's has no missing period from that day", check: r576},
	{code: "348", from: 2026, message: "Last year's return said the care leaver had died", check: r348},
	{code: "1010", message: "The child was looked after at the end of last year and has no episodes this year, but has care leaver information", check: r1010},
	{code: "SW16aSTG2", from: 2025, message: "The first social worker episode's worker differs from the one open at the end of last year", check: firstSWAsOpen("SW_ID", func(s SWEpisodeRow) string { return s.SWID })},
	{code: "SW16bSTG2", from: 2025, message: "The first social worker episode's start differs from the one open at the end of last year", check: firstSWAsOpen("SW_DECOM", func(s SWEpisodeRow) string { return s.SWDECOM.String() })},
	{code: "SW16cSTG2", from: 2025, message: "The first social worker episode's reason differs from the one open at the end of last year", check: firstSWAsOpen("SW_REASON", func(s SWEpisodeRow) string { return s.SWReason })},
}

// sexAsMF writes a sex code in the M, F, U form, so that a 2023-24 return
// (1, 2) and a 2024-25 one (M, F, U) can be compared.
func sexAsMF(s string, y Year) string {
	if y.sexMF() {
		return s
	}
	switch s {
	case "1":
		return "M"
	case "2":
		return "F"
	}
	return s
}

func sameAsLast(column string, value func(HeaderRow, Year) string) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, h := range c.r.Header {
			if k, ok := c.last.header[h.Child]; ok && value(c.last.r.Header[k], c.last.y) != value(h, c.y) {
				bad(TableHeader, i, column)
			}
		}
	}
}

// lastOpen is the episode the child was in at the end of last year: their
// last episode in last year's return, if it had not ceased.
func (c *checker) lastOpen(child string) (EpisodeRow, bool) {
	eps := c.last.episodes[child]
	if len(eps) == 0 {
		return EpisodeRow{}, false
	}
	e := c.last.ep(eps[len(eps)-1])
	return e, e.DEC.IsZero()
}

// firstAsOpen compares this year's first episode of a child who was
// looked after at the end of last year with the episode open then.
func firstAsOpen(column string, value func(EpisodeRow) string) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		c.children(func(child string, eps []int) {
			if open, ok := c.lastOpen(child); ok && value(open) != value(c.ep(eps[0])) {
				bad(TableEpisodes, eps[0], column)
			}
		})
	}
}

func r562(c *checker, bad report) {
	c.children(func(child string, eps []int) {
		before := c.last.episodes[child]
		if len(before) == 0 {
			return // NoE's
		}
		for _, i := range eps {
			e := c.ep(i)
			if e.DECOM.IsZero() || !e.DECOM.Before(c.y.Start()) {
				continue
			}
			if !slices.ContainsFunc(before, func(k int) bool { return c.last.ep(k).DECOM == e.DECOM }) {
				bad(TableEpisodes, i, "DECOM")
			}
		}
	})
}

func rNoE(c *checker, bad report) {
	c.children(func(child string, eps []int) {
		if first := c.ep(eps[0]); !first.DECOM.IsZero() && first.DECOM.Before(c.y.Start()) && len(c.last.episodes[child]) == 0 {
			bad(TableEpisodes, eps[0], "DECOM")
		}
	})
}

// r576: the finding is on the child's Header row, as the period missing
// from this year's return has no row of its own.
func r576(c *checker, bad report) {
	for _, m := range c.last.r.Missing {
		if !m.MisEnd.IsZero() || m.MisStart.IsZero() {
			continue
		}
		h, ok := c.header[m.Child]
		if !ok {
			continue
		}
		if !slices.ContainsFunc(c.r.Missing, func(x MissingRow) bool { return x.Child == m.Child && x.MisStart == m.MisStart }) {
			bad(TableHeader, h, "CHILD")
		}
	}
}

func r1010(c *checker, bad report) {
	for i, o := range c.r.OC3 {
		if _, open := c.lastOpen(o.Child); open && len(c.episodes[o.Child]) == 0 {
			bad(TableOC3, i, "IN_TOUCH")
		}
	}
}

// firstSWAsOpen compares this year's first social worker episode of a
// child with the one open at the end of last year.
func firstSWAsOpen(column string, value func(SWEpisodeRow) string) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		before := c.last.swByChild()
		for _, idx := range inOrder(c.swByChild()) {
			first := c.r.SWEpisodes[idx[0]]
			prev := before[first.Child]
			if len(prev) == 0 {
				continue
			}
			if open := c.last.r.SWEpisodes[prev[len(prev)-1]]; open.SWDEC.IsZero() && value(open) != value(first) {
				bad(TableSWEpisodes, idx[0], column)
			}
		}
	}
}

func r348(c *checker, bad report) {
	died := map[string]bool{}
	for _, o := range c.last.r.OC3 {
		died[o.Child] = died[o.Child] || o.InTouch == "DIED"
	}
	for i, o := range c.r.OC3 {
		if died[o.Child] {
			bad(TableOC3, i, "IN_TOUCH")
		}
	}
}
