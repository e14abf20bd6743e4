package web

import (
	"net/url"
	"testing"

	"hearth/internal/app"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestTeamListPages: a team's children are shown fifty a page, in the
// list's order, with links either side; a page that is not one is the first.
func TestTeamListPages(t *testing.T) {
	kids := func(n int) []app.WorkChild {
		out := make([]app.WorkChild, n)
		for i := range out {
			out[i].Person = store.PersonSummary{ID: people.ID(i + 1)}
		}
		return out
	}
	cases := []struct {
		name         string
		total        int
		query        string
		from, to     int
		first, shown int
		prev, next   string
	}{
		{"no children", 0, "", 0, 0, 0, 0, "", ""},
		{"one page", 50, "", 1, 50, 1, 50, "", ""},
		{"first of two", 51, "", 1, 50, 1, 50, "", "?page=2#children"},
		{"last of two", 51, "page=2", 51, 51, 51, 1, "?page=1#children", ""},
		{"the middle", 400, "page=3", 101, 150, 101, 50, "?page=2#children", "?page=4#children"},
		{"a page past the end is the first", 120, "page=4", 1, 50, 1, 50, "", "?page=2#children"},
		{"not a number", 120, "page=x", 1, 50, 1, 50, "", "?page=2#children"},
		{"nought", 120, "page=0", 1, 50, 1, 50, "", "?page=2#children"},
	}
	for _, c := range cases {
		q, _ := url.ParseQuery(c.query)
		shown, got := pageOfList(kids(c.total), q, "page", teamPerPage, "children")
		if got.From != c.from || got.To != c.to || got.Total != c.total || got.Prev != c.prev || got.Next != c.next {
			t.Errorf("%s: got %+v", c.name, got)
		}
		if len(shown) != c.shown || c.shown > 0 && shown[0].Person.ID != people.ID(c.first) {
			t.Errorf("%s: shown %d children from %v, want %d from %d", c.name, len(shown), shown, c.shown, c.first)
		}
	}
}
