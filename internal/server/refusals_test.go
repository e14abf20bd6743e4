package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/people"
)

// TestRefusalsAreAlike is hole 5: a change to a restricted record, to an
// ordinary one the user may not change and to one that does not exist get
// the same answer, through the API and the pages, whether breaking the glass
// is on or off; so does a read.
func TestRefusalsAreAlike(t *testing.T) {
	e := newEnv(t)
	for _, on := range []bool{true, false} {
		e.app.BreakGlass = on
		b := e.browser().signIn(access.Practitioner)
		type answer struct {
			status int
			what   string
		}
		var put, edit, read, page []answer
		for _, id := range []people.ID{e.restricted, e.stranger, missing} {
			res := e.api(access.Practitioner, "PUT", "/api/v1"+idPathOf(id), `{"person":{"family_name":"X","version":1},"reason":"x"}`)
			put = append(put, answer{res.status, errorCode(t, res.body)})
			res = b.post(idPathOf(id)+"/edit", url.Values{"family_name": {"X"}, "version": {"1"}, "action": {"save"}, "reason": {"x"}})
			edit = append(edit, answer{res.status, heading(res.body)})
			res = e.api(access.Practitioner, "GET", "/api/v1"+idPathOf(id), "")
			read = append(read, answer{res.status, errorCode(t, res.body)})
			res = b.get(idPathOf(id) + "/history")
			page = append(page, answer{res.status, strings.TrimSuffix(res.location, strconv.FormatInt(int64(id), 10)+"/access") + heading(res.body)})
		}
		for name, as := range map[string][]answer{"API change": put, "page change": edit, "API read": read, "history page": page} {
			if as[0] != as[1] || as[1] != as[2] {
				t.Errorf("break glass %v, %s: restricted %+v, no relationship %+v, missing %+v", on, name, as[0], as[1], as[2])
			}
		}
		if put[0].status != http.StatusNotFound {
			t.Errorf("break glass %v: a refused change answers %d, want 404", on, put[0].status)
		}
	}
	// A role that may not change records at all is refused alike too.
	restricted := e.api(access.Analyst, "PUT", "/api/v1"+idPathOf(e.restricted), `{"person":{"family_name":"X","version":1},"reason":"x"}`)
	absent := e.api(access.Analyst, "PUT", "/api/v1"+idPathOf(missing), `{"person":{"family_name":"X","version":1},"reason":"x"}`)
	if restricted.status != http.StatusForbidden || restricted.status != absent.status || errorCode(t, restricted.body) != errorCode(t, absent.body) {
		t.Errorf("analyst: restricted %d %s; missing %d %s", restricted.status, restricted.body, absent.status, absent.body)
	}
}
