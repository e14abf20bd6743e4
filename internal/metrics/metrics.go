// Package metrics counts requests and their durations and writes them in the
// Prometheus text format. A few counters and one histogram are all Hearth
// needs, so they are written here rather than taken from a client library with
// its own dependency tree.
package metrics

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"sync"
	"time"
)

// buckets are the request-duration histogram's upper bounds, in seconds.
var buckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

type series struct {
	count  uint64
	sum    float64
	bucket []uint64 // cumulative counts are made when written
}

// Registry holds the server's metrics. The zero value is not ready: use New.
type Registry struct {
	mu       sync.Mutex
	requests map[[3]string]*series // route pattern, method, status class
	started  time.Time
	gauges   map[string]func() float64
}

// New returns an empty registry.
func New() *Registry {
	return &Registry{requests: map[[3]string]*series{}, started: time.Now(), gauges: map[string]func() float64{}}
}

// Gauge registers a value read each time metrics are written.
func (r *Registry) Gauge(name string, f func() float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gauges[name] = f
}

// Observe records one request. route is the matched pattern, never the raw
// path, so that ids (and so children) never appear in metrics.
func (r *Registry) Observe(route, method string, status int, d time.Duration) {
	key := [3]string{route, method, strconv.Itoa(status/100) + "xx"}
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.requests[key]
	if s == nil {
		s = &series{bucket: make([]uint64, len(buckets))}
		r.requests[key] = s
	}
	sec := d.Seconds()
	s.count++
	s.sum += sec
	for i, b := range buckets {
		if sec <= b {
			s.bucket[i]++
			break
		}
	}
}

// Write writes every metric in the Prometheus text exposition format.
func (r *Registry) Write(w io.Writer) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	keys := make([][3]string, 0, len(r.requests))
	for k := range r.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		if a[1] != b[1] {
			return a[1] < b[1]
		}
		return a[2] < b[2]
	})
	var err error
	p := func(format string, args ...any) {
		if err == nil {
			_, err = fmt.Fprintf(w, format, args...)
		}
	}
	p("# HELP hearth_http_requests_total HTTP requests by route, method and status class.\n# TYPE hearth_http_requests_total counter\n")
	for _, k := range keys {
		p("hearth_http_requests_total{route=%q,method=%q,status=%q} %d\n", k[0], k[1], k[2], r.requests[k].count)
	}
	p("# HELP hearth_http_request_duration_seconds Time to answer HTTP requests.\n# TYPE hearth_http_request_duration_seconds histogram\n")
	for _, k := range keys {
		s := r.requests[k]
		var cum uint64
		for i, b := range buckets {
			cum += s.bucket[i]
			p("hearth_http_request_duration_seconds_bucket{route=%q,method=%q,status=%q,le=%q} %d\n", k[0], k[1], k[2], strconv.FormatFloat(b, 'g', -1, 64), cum)
		}
		p("hearth_http_request_duration_seconds_bucket{route=%q,method=%q,status=%q,le=\"+Inf\"} %d\n", k[0], k[1], k[2], s.count)
		p("hearth_http_request_duration_seconds_sum{route=%q,method=%q,status=%q} %g\n", k[0], k[1], k[2], s.sum)
		p("hearth_http_request_duration_seconds_count{route=%q,method=%q,status=%q} %d\n", k[0], k[1], k[2], s.count)
	}
	p("# HELP hearth_uptime_seconds Seconds since the server started.\n# TYPE hearth_uptime_seconds gauge\nhearth_uptime_seconds %g\n", time.Since(r.started).Seconds())
	names := make([]string, 0, len(r.gauges))
	for n := range r.gauges {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p("# TYPE %s gauge\n%s %g\n", n, n, r.gauges[n]())
	}
	return err
}
