package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// serveEnv, set in a process's environment, makes the test binary run as
// hearth with the arguments it holds (separated by newlines): the test
// starts real Hearth processes from itself, with no separate build.
const serveEnv = "HEARTH_TEST_AS_HEARTH"

func TestMain(m *testing.M) {
	if args := os.Getenv(serveEnv); args != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, strings.Split(args, "\n"), os.Stdin, os.Stdout, os.Stderr)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "hearth:", message(err))
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

var servingRE = regexp.MustCompile(`serving on (http://[0-9.:]+)`)

// startHearth starts a Hearth process serving dsn on a free port and
// returns it with its base URL.
func startHearth(t *testing.T, dsn string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), serveEnv+"="+strings.Join([]string{"serve", "--db", dsn, "--addr", "127.0.0.1:0"}, "\n"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if m := servingRE.FindStringSubmatch(lines.Text()); m != nil {
			go io.Copy(io.Discard, out)
			return cmd, m[1]
		}
	}
	t.Fatalf("the Hearth process never said where it serves")
	return nil, ""
}

// balancer sends each request to the next server that is up, as a load
// balancer does, taking a server out when it refuses a connection (nothing
// reached it, so the request goes to the next one). A failure after a
// request reached a server is the caller's to count.
type balancer struct {
	mu    sync.Mutex
	bases []string
	down  []bool
	next  int
	c     *http.Client
}

func (b *balancer) pick() (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for range b.bases {
		i := b.next % len(b.bases)
		b.next++
		if !b.down[i] {
			return i, nil
		}
	}
	return 0, errors.New("every server is down")
}

func (b *balancer) do(method, path, token, body string) (*http.Response, string, error) {
	for {
		i, err := b.pick()
		if err != nil {
			return nil, "", err
		}
		res, data, err := b.to(i, method, path, token, body)
		if err != nil && errors.Is(err, syscall.ECONNREFUSED) {
			b.mu.Lock()
			b.down[i] = true
			b.mu.Unlock()
			continue
		}
		return res, data, err
	}
}

func (b *balancer) to(i int, method, path, token, body string) (*http.Response, string, error) {
	req, err := http.NewRequest(method, b.bases[i]+path, strings.NewReader(body))
	if err != nil {
		return nil, "", err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := b.c.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return res, string(data), err
}

// TestTwoServersOnePostgres runs two Hearth processes on one PostgreSQL
// database behind a round-robin balancer: a session made on one serves on
// the other; two changes of one record sent to both at once are one saved
// and one refused as a conflict; and when one is stopped in the middle of a
// load, the other carries on, with no request failing beyond those the
// stopped one was serving.
func TestTwoServersOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two servers")
	}
	dsn := postgresSchema(t)
	mustHearth(t, "", "migrate", "--db", dsn)
	mustHearth(t, joPassword+"\n", "user", "add", "--db", dsn, "--username", "sam.worker", "--role", "practitioner", "--name", "Sam Worker")
	token := strings.TrimSpace(mustHearth(t, "", "token", "create", "--db", dsn, "--username", "sam.worker"))

	a, baseA := startHearth(t, dsn)
	_, baseB := startHearth(t, dsn)
	jar, _ := cookiejar.New(nil)
	lb := &balancer{bases: []string{baseA, baseB}, down: make([]bool, 2),
		c: &http.Client{Jar: jar, Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}

	// Sign in on one, carry on on the other (the cookie jar ignores ports,
	// as a browser behind one balancer would send the one cookie).
	form := url.Values{"username": {"sam.worker"}, "password": {joPassword}}.Encode()
	req, _ := http.NewRequest("POST", baseA+"/sign-in", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := lb.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in on the first server: status %d", res.StatusCode)
	}
	res, body, err := lb.to(1, "GET", "/", "", "")
	if err != nil || res.StatusCode != http.StatusOK || !strings.Contains(body, "Sam Worker") {
		t.Fatalf("the second server does not know the session: %v, status %v", err, res)
	}

	// A child to work on, made through the balancer.
	res, body, err = lb.do("POST", "/api/v1/people", token, `{"person":{"given_name":"Nia","family_name":"Shared","date_of_birth":"2016-02-03","sex":"2"},"reason":"new referral"}`)
	if err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("create: %v %v %s", err, res, body)
	}
	var created struct {
		Person map[string]any `json:"person"`
	}
	if err := json.Unmarshal([]byte(body), &created); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/people/%.0f", created.Person["id"].(float64))

	// The same change from the same version, to both servers at once.
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i := range 2 {
		p := map[string]any{}
		for k, v := range created.Person {
			p[k] = v
		}
		p["given_name"] = fmt.Sprintf("Nia%d", i)
		b, _ := json.Marshal(map[string]any{"person": p, "reason": "corrected"})
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, _, err := lb.to(i, "PUT", path, token, string(b))
			if err == nil {
				statuses[i] = res.StatusCode
			}
		}()
	}
	wg.Wait()
	if !(statuses[0] == http.StatusOK && statuses[1] == http.StatusConflict || statuses[0] == http.StatusConflict && statuses[1] == http.StatusOK) {
		t.Errorf("two changes from one version on two servers: statuses %v, want one 200 and one 409", statuses)
	}

	// A load through the balancer; the first server is stopped in the
	// middle of it.
	const workers = 8
	var ok, failed, serverErrors, afterStop atomic.Int64
	var stopped atomic.Bool
	stop := time.Now().Add(time.Second)
	end := stop.Add(2 * time.Second)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				res, _, err := lb.do("GET", path, token, "")
				switch {
				case err != nil:
					failed.Add(1)
				case res.StatusCode >= 500:
					serverErrors.Add(1)
				case res.StatusCode == http.StatusOK:
					ok.Add(1)
					if stopped.Load() {
						afterStop.Add(1)
					}
				default:
					failed.Add(1)
				}
			}
		}()
	}
	time.Sleep(time.Until(stop))
	if err := a.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	stopped.Store(true)
	wg.Wait()
	if err := a.Wait(); err != nil {
		t.Errorf("the stopped server did not stop cleanly: %v", err)
	}
	t.Logf("load: %d answered, %d after the stop, %d failed, %d server errors", ok.Load(), afterStop.Load(), failed.Load(), serverErrors.Load())
	if serverErrors.Load() > 0 {
		t.Errorf("%d server errors", serverErrors.Load())
	}
	if failed.Load() > workers {
		t.Errorf("%d requests failed, more than the %d that could have been in flight", failed.Load(), workers)
	}
	if afterStop.Load() == 0 {
		t.Error("nothing was answered after the first server stopped")
	}
}
