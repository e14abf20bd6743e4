package web

import (
	"net/url"
	"testing"

	"hearth/internal/app"
)

// TestGroupFindings: a page of findings is grouped by rule in the order
// they come, each group counting its rule's findings in the whole return,
// not only those on the page.
func TestGroupFindings(t *testing.T) {
	var all []app.ReturnFinding
	for i := range 150 {
		rule := "4004"
		if i >= 120 {
			rule = "8736"
		}
		all = append(all, app.ReturnFinding{Rule: rule, Message: "m" + rule})
	}
	shown, pg := pageOfList(all, url.Values{"page": {"2"}}, "page", findingsPerPage, "findings")
	if pg.From != 101 || pg.To != 150 || pg.Prev == "" || pg.Next != "" {
		t.Fatalf("the second page: %+v", pg)
	}
	g := groupFindings(shown, all)
	if len(g) != 2 || g[0].Rule != "4004" || g[0].Count != 120 || len(g[0].Findings) != 20 ||
		g[1].Rule != "8736" || g[1].Count != 30 || len(g[1].Findings) != 30 {
		t.Errorf("groups: %d; %+v", len(g), g)
	}
	if g := groupFindings(nil, nil); len(g) != 0 {
		t.Errorf("no findings: %+v", g)
	}
}
