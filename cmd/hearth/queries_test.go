package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestQueriesPerRequest measures how many SQL statements Hearth sends to
// PostgreSQL for each kind of request, for the scaling estimate in
// docs/OPERATIONS.md. It runs only when asked (HEARTH_MEASURE_QUERIES=1),
// on a PostgreSQL server of its own that logs every statement, and prints
// the counts; it fails only if it cannot count.
func TestQueriesPerRequest(t *testing.T) {
	if os.Getenv("HEARTH_MEASURE_QUERIES") == "" {
		t.Skip("a measurement: set HEARTH_MEASURE_QUERIES=1 to run it")
	}
	pg := newPrivatePostgres(t)
	pg.run(t, "pg_ctl", "-D", pg.data, "-m", "fast", "stop")
	pg.run(t, "pg_ctl", "-D", pg.data, "-w", "-l", filepath.Join(pg.sock, "log"),
		"-o", fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c log_statement=all", pg.port, pg.sock), "start")
	logFile := filepath.Join(pg.sock, "log")
	token := crashUser(t, pg.dsn())
	_, base := startHearth(t, pg.dsn())
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if res, err := c.PostForm(base+"/sign-in", url.Values{"username": {"sam.writer"}, "password": {joPassword}}); err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %v %v", err, res)
	}
	api := func(method, path, body string) string {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(res.Body)
		if res.StatusCode >= 400 {
			t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, b.String())
		}
		return b.String()
	}
	var created struct{ Person map[string]any }
	json.Unmarshal([]byte(api("POST", "/api/v1/people", `{"person":{"given_name":"Nia","family_name":"Counted","date_of_birth":"2016-02-03","sex":"2"},"reason":"measure"}`)), &created)
	id := fmt.Sprintf("%.0f", created.Person["id"].(float64))
	api("POST", "/api/v1/people/"+id+"/journey", `{"kind":"note","start":"2025-01-06","note":{"title":"Call","text":"School rang"}}`)

	statements := func() int {
		time.Sleep(300 * time.Millisecond) // the server's log is written as it goes
		data, err := os.ReadFile(logFile)
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Count(data, []byte("LOG:  execute")) + bytes.Count(data, []byte("LOG:  statement:"))
	}
	measure := func(what string, do func()) {
		do() // once to warm the caches (teams, settings, prepared statements)
		before := statements()
		do()
		t.Logf("%-40s %3d statements", what, statements()-before)
	}
	get := func(path string) func() {
		return func() {
			res, err := c.Get(base + path)
			if err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %v %v", path, err, res)
			}
			res.Body.Close()
		}
	}
	if statements() == 0 {
		t.Fatal("the server logged no statements: cannot count")
	}
	measure("child's page", get("/people/"+id))
	measure("child's journey page", get("/people/"+id+"/journey"))
	measure("search by name", get("/search?name=counted"))
	measure("my work", get("/my-work"))
	measure("API: read a person", func() { api("GET", "/api/v1/people/"+id, "") })
	n := 0
	measure("API: add a journey record (a write)", func() {
		n++
		api("POST", "/api/v1/people/"+id+"/journey", fmt.Sprintf(`{"kind":"note","start":"2025-01-06","note":{"title":"Call %d","text":"School rang"}}`, n))
	})
	measure("API: add a person (a write)", func() {
		n++
		api("POST", "/api/v1/people", fmt.Sprintf(`{"person":{"given_name":"Nia","family_name":"Counted%d","date_of_birth":"2016-02-03","sex":"2"},"reason":"measure"}`, n))
	})
}
