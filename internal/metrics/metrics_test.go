package metrics

import (
	"strings"
	"testing"
	"time"
)

func TestWrite(t *testing.T) {
	r := New()
	r.Observe("GET /people/{id}", "GET", 200, 3*time.Millisecond)
	r.Observe("GET /people/{id}", "GET", 200, 30*time.Millisecond)
	r.Observe("GET /people/{id}", "GET", 404, time.Millisecond)
	r.Gauge("hearth_people", func() float64 { return 42 })
	var b strings.Builder
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`hearth_http_requests_total{route="GET /people/{id}",method="GET",status="2xx"} 2`,
		`hearth_http_requests_total{route="GET /people/{id}",method="GET",status="4xx"} 1`,
		`hearth_http_request_duration_seconds_bucket{route="GET /people/{id}",method="GET",status="2xx",le="0.005"} 1`,
		`hearth_http_request_duration_seconds_bucket{route="GET /people/{id}",method="GET",status="2xx",le="0.05"} 2`,
		`hearth_http_request_duration_seconds_bucket{route="GET /people/{id}",method="GET",status="2xx",le="+Inf"} 2`,
		"hearth_people 42",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
