package web

import (
	"net/url"
	"testing"
)

// TestChronologyPages: a chronology is shown a hundred events a page, and
// the links either side keep the filter and the order.
func TestChronologyPages(t *testing.T) {
	q := func(s string) url.Values { v, _ := url.ParseQuery(s); return v }
	cases := []struct {
		name     string
		total    int
		query    string
		from, to int
		prev     string
		next     string
	}{
		{"nothing recorded", 0, "", 0, 0, "", ""},
		{"one page", 100, "", 1, 100, "", ""},
		{"first of two", 101, "", 1, 100, "", "?page=2#chronology"},
		{"last of two", 101, "page=2", 101, 101, "?page=1#chronology", ""},
		{"a page past the end is the first", 150, "page=9", 1, 100, "", "?page=2#chronology"},
		{"not a number", 150, "page=x", 1, 100, "", "?page=2#chronology"},
		{"the middle keeps filter and order", 2000, "page=3&kind=visit&kind=note&order=oldest", 201, 300,
			"?kind=visit&kind=note&order=oldest&page=2#chronology", "?kind=visit&kind=note&order=oldest&page=4#chronology"},
		{"another list's page is kept", 300, "page=2&due=3", 101, 200, "?due=3&page=1#chronology", "?due=3&page=3#chronology"},
	}
	for _, c := range cases {
		got := paged(c.total, q(c.query), "page", chronoPerPage, "chronology")
		if got.From != c.from || got.To != c.to || got.Total != c.total || got.Prev != c.prev || got.Next != c.next {
			t.Errorf("%s: got %+v", c.name, got)
		}
	}
}
