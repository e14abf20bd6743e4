package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// stepTimeout bounds one browser step, so that a page that never arrives
// fails the test in seconds rather than hanging it.
const stepTimeout = 15 * time.Second

// unavailable skips the test when something it needs is not installed, or
// fails it under CI, where a skip would hide that nothing was tested.
func unavailable(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("browser tests cannot run: %s", what)
	}
	t.Skipf("browser tests skipped because %s", what)
}

// chromiumPath finds the browser: HEARTH_CHROMIUM, else /usr/bin/chromium,
// else chromium on PATH.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HEARTH_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			unavailable(t, "Chromium was not found at HEARTH_CHROMIUM="+p)
		}
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	unavailable(t, "Chromium was not found (set HEARTH_CHROMIUM, or install it as /usr/bin/chromium or on PATH)")
	return ""
}

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// axeSource reads axe-core, which scripts/assets installs from package.json.
func axeSource(t *testing.T) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		unavailable(t, "axe-core was not found at "+p+" (run ./scripts/assets)")
	}
	return string(b)
}

// screenshotDir is HEARTH_SCREENSHOTS if set, else a folder that lasts as
// long as the test.
func screenshotDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("HEARTH_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// startChromium starts one headless Chromium for the whole test, with a fresh
// profile, and returns the context that tabs are opened from.
func startChromium(t *testing.T, execPath string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	// The first Do starts the browser and ties it to ctx, so it must not carry
	// a deadline; a watchdog stops a start that hangs instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start Chromium (%s): %v", execPath, err)
		}
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatalf("Chromium (%s) did not start within 30 seconds", execPath)
	}
	return ctx
}

// tab is one browser tab in a browser context of its own, so that each tab
// has its own cookies and so its own session.
type tab struct {
	t     *testing.T
	ctx   context.Context
	base  string
	axeJS string
	shots string
	a11y  *a11yReport
	js    bool

	mu      sync.Mutex
	console []string
}

// newTab opens a tab. With js false, the tab runs no page script at all, as
// for someone whose browser has JavaScript turned off.
func newTab(t *testing.T, browser context.Context, base, axeJS, shots string, a11y *a11yReport, js bool) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx, base: base, axeJS: axeJS, shots: shots, a11y: a11y, js: js}
	if err := chromedp.Do(ctx); err != nil { // opens the tab; no deadline, as for the browser
		t.Fatalf("open a tab: %v", err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if worrying(m) {
				tb.mu.Lock()
				tb.console = append(tb.console, fmt.Sprintf("%s: %s (%s)", m.Type, m.Text, m.URL))
				tb.mu.Unlock()
			}
		}
	}()
	tb.do("set the viewport", chromedp.EmulateViewport(1200, 900))
	if !js {
		tb.do("turn JavaScript off", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
	}
	t.Cleanup(tb.checkConsole)
	return tb
}

// worrying picks the console messages a page should never cause: script
// errors, refused content (CSP) and assets that fail to load. The browser also
// logs a page answered with a 4xx status, as a form with errors is; those are
// expected and checked by status instead.
func worrying(m chromedp.ConsoleMessage) bool {
	if m.Type != chromedp.ConsoleError && m.Type != chromedp.ConsoleException {
		return false
	}
	if strings.HasPrefix(m.Text, "Failed to load resource") && !strings.Contains(m.URL, "/static/") {
		return false
	}
	return true
}

func (tb *tab) checkConsole() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, m := range tb.console {
		tb.t.Errorf("browser console: %s", m)
	}
}

// step returns a context for one browser step.
func (tb *tab) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(tb.ctx, stepTimeout)
}

// do runs steps that return nothing, failing the test if one fails.
func (tb *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %.60q: %v", expr, err)
	}
	return v
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// open loads a path and returns the HTTP status of the page that ends up
// shown, after any redirects.
func (tb *tab) open(path string) int64 {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.t.Fatalf("open %s: %v", path, err)
	}
	return res.Status
}

// follow clicks what the CSS selector finds, which must load a page (a link
// or a submit button), waits for that page and returns its HTTP status.
func (tb *tab) follow(sel string) int64 {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		tb.t.Fatalf("click %s: %v", sel, err)
	}
	return res.Status
}

// byID is a CSS selector for an element id, which in Hearth's forms may hold
// dots (identifiers.nhs_number) that "#" selectors would misread.
func byID(id string) chromedp.CSS {
	return chromedp.CSS("[id=" + jsString(id) + "]")
}

// fill replaces what a field holds by typing, as a person would. The field
// is emptied by script first (chromedp's SetValue refuses an empty value).
func (tb *tab) fill(id, value string) {
	tb.t.Helper()
	if !eval[bool](tb, `(f => !!f && (f.value = '', true))(document.getElementById(`+jsString(id)+`))`) {
		tb.t.Fatalf("fill %s: no such field", id)
	}
	tb.do("fill "+id, chromedp.SendKeys(byID(id), value))
}

// fillDate fills the three boxes of a date input.
func (tb *tab) fillDate(name, day, month, year string) {
	tb.t.Helper()
	tb.fill(name+"-day", day)
	tb.fill(name+"-month", month)
	tb.fill(name+"-year", year)
}

// value is what a field holds now.
func (tb *tab) value(id string) string {
	tb.t.Helper()
	return eval[string](tb, `(document.getElementById(`+jsString(id)+`) || {value: "(no such field)"}).value`)
}

// summaryLink is one link of a GOV.UK error summary.
type summaryLink struct {
	Href   string `json:"href"`
	Text   string `json:"text"`
	Target string `json:"target"` // tag name of the element the link goes to, "" if none
	Inline string `json:"inline"` // the inline error shown with that field, "" if none
}

// pageState is what a test reads from a page after it loads.
type pageState struct {
	Title   string        `json:"title"`
	Path    string        `json:"path"`
	H1      string        `json:"h1"`
	Main    string        `json:"main"`
	Banner  string        `json:"banner"`
	Summary []summaryLink `json:"summary"`
	Inline  int           `json:"inline"`
	Focused string        `json:"focused"`
	JS      bool          `json:"js"`
}

// stateJS reads the page. Ids are looked up with getElementById, as they may
// hold dots. The inline error of a field is the element with the field's id
// and "-error"; for a date, the link goes to the day box, whose error is
// date_of_birth-day-error.
const stateJS = `(() => {
  const norm = s => (s || '').replace(/\s+/g, ' ').trim();
  const q = s => document.querySelector(s);
  const a = document.activeElement;
  return {
    title: document.title,
    path: location.pathname + location.search,
    h1: norm(q('h1') && q('h1').textContent),
    main: norm(q('main') && q('main').innerText),
    banner: norm(q('.govuk-notification-banner__content') && q('.govuk-notification-banner__content').textContent),
    summary: [...document.querySelectorAll('.govuk-error-summary__list a')].map(l => {
      const id = decodeURIComponent((l.getAttribute('href') || '').replace(/^#/, ''));
      const target = document.getElementById(id);
      const inline = document.getElementById(id + '-error');
      return {href: l.getAttribute('href'), text: norm(l.textContent),
        target: target ? target.tagName.toLowerCase() : '', inline: inline ? norm(inline.textContent) : ''};
    }),
    inline: document.querySelectorAll('.govuk-error-message').length,
    focused: a ? (a.id || a.className || a.tagName) : '',
    js: document.body.classList.contains('js-enabled'),
  };
})()`

func (tb *tab) state() pageState {
	tb.t.Helper()
	return eval[pageState](tb, stateJS)
}

// rows returns the body rows of the table captioned name, or else of the
// first table after the h2 called name, each row as its cells' text. It is
// nil when there is no such caption or heading, and empty when the heading
// has no table under it.
func (tb *tab) rows(name string) [][]string {
	tb.t.Helper()
	return eval[[][]string](tb, `((name) => {
  const norm = s => (s || '').replace(/\s+/g, ' ').trim();
  const cells = t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => norm(c.textContent)));
  const byCaption = [...document.querySelectorAll('main table')].find(t => t.caption && norm(t.caption.textContent) === name);
  if (byCaption) return cells(byCaption);
  const h = [...document.querySelectorAll('main h2')].find(h => norm(h.textContent) === name);
  if (!h) return null;
  for (let el = h.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
    const t = el.matches('table') ? el : el.querySelector('table');
    if (t) return cells(t);
  }
  return [];
})(`+jsString(name)+`)`)
}

// summaryList returns the rows of the GOV.UK summary list under the h2
// called heading, key to value; nil if there is none.
func (tb *tab) summaryList(heading string) map[string]string {
	tb.t.Helper()
	return eval[map[string]string](tb, `((name) => {
  const norm = s => (s || '').replace(/\s+/g, ' ').trim();
  const h = [...document.querySelectorAll('main h2')].find(h => norm(h.textContent) === name);
  if (!h) return null;
  for (let el = h.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
    if (el.matches('dl.govuk-summary-list')) {
      const out = {};
      for (const r of el.querySelectorAll('.govuk-summary-list__row')) {
        out[norm(r.querySelector('dt').textContent)] = norm(r.querySelector('dd').textContent);
      }
      return out;
    }
  }
  return null;
})(`+jsString(heading)+`)`)
}

// screenshot saves a full-page PNG for a person to look at.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(tb.shots, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		tb.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	tb.t.Logf("screenshot of %s: %s", name, p)
}

// violation is one failed axe rule on a page, with its first few elements.
type violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Count   int      `json:"count"`
	Targets []string `json:"targets"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

// axeRunJS runs the WCAG 2.2 A and AA rules on the whole document.
const axeRunJS = `axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
  resultTypes: ['violations'],
}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl, count: v.nodes.length,
  targets: v.nodes.slice(0, 3).map(n => n.target.map(String).join(' ')),
  html: v.nodes.length ? v.nodes[0].html : '',
  summary: v.nodes.length ? (v.nodes[0].failureSummary || '') : '',
})))`

// a11yReport keeps, across the whole test, which pages were checked and what
// was found, for the summary at the end.
type a11yReport struct {
	mu       sync.Mutex
	pages    []string
	findings []string
}

var spaces = regexp.MustCompile(`\s+`)

// axe loads axe-core into the page if it is not there yet, runs it and
// returns the violations. axe is injected through the DevTools protocol, which
// the page's Content-Security-Policy does not govern.
func (tb *tab) axe(page string) []violation {
	tb.t.Helper()
	if !tb.js {
		tb.t.Fatalf("accessibility check of %s: axe needs JavaScript, which this tab has turned off", page)
	}
	ctx, cancel := tb.step()
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === 'object'`))
	if err == nil && !loaded {
		loaded, err = chromedp.Run(ctx, chromedp.Evaluate[bool](tb.axeJS+"\n;typeof window.axe === 'object'"))
	}
	if err == nil && !loaded {
		err = fmt.Errorf("window.axe is not defined after loading axe.min.js")
	}
	if err != nil {
		tb.t.Fatalf("load axe-core into %s: %v", page, err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("run axe-core on %s: %v", page, err)
	}
	return vs
}

// checkA11y runs axe-core on the page as it is now and fails the test for
// each violation.
func (tb *tab) checkA11y(page string) {
	tb.t.Helper()
	vs := tb.axe(page)
	path := eval[string](tb, `location.pathname + location.search`)
	tb.a11y.mu.Lock()
	tb.a11y.pages = append(tb.a11y.pages, page)
	tb.a11y.mu.Unlock()
	if len(vs) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "accessibility: %s (%s) has %d axe violation(s):", page, path, len(vs))
	for _, v := range vs {
		fmt.Fprintf(&b, "\n  - %s [%s] %s (%d element(s)) %s", v.ID, v.Impact, v.Help, v.Count, v.HelpURL)
		fmt.Fprintf(&b, "\n      at: %s", strings.Join(v.Targets, " | "))
		fmt.Fprintf(&b, "\n      first: %s", v.HTML)
		if v.Summary != "" {
			fmt.Fprintf(&b, "\n      why: %s", spaces.ReplaceAllString(v.Summary, " "))
		}
		tb.a11y.mu.Lock()
		tb.a11y.findings = append(tb.a11y.findings, fmt.Sprintf("%s on %s at %s", v.ID, page, strings.Join(v.Targets, " | ")))
		tb.a11y.mu.Unlock()
	}
	tb.t.Error(b.String())
}
