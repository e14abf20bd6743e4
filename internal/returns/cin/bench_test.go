package cin

import (
	"bytes"
	"fmt"
	"testing"
)

// bigCensus is clean() repeated to n children (a third each of the three
// kinds), with LAchildIDs and UPNs kept unique so that the rules that look
// across the return have the work of a real one.
func bigCensus(n int) Census {
	c := clean()
	base := c.Children
	c.Children = nil
	for i := 0; len(c.Children) < n; i++ {
		for _, ch := range base {
			ch.LAChildID = fmt.Sprintf("%s%06d", ch.LAChildID, i)
			if ch.UPN != "" {
				ch.UPN = ""
				ch.UPNUnknown = "UN3"
			}
			c.Children = append(c.Children, ch)
		}
	}
	c.Children = c.Children[:n]
	return c
}

// BenchmarkValidate runs every rule of the year on a return of 10,000
// children (about 13,000 episodes).
func BenchmarkValidate(b *testing.B) {
	c := bigCensus(10000)
	b.ReportAllocs()
	for b.Loop() {
		if rep := Validate(c); len(rep.Findings) != 0 {
			b.Fatalf("findings: %v", rep.Findings[:1])
		}
	}
}

// BenchmarkReadXML reads the same return from its XML.
func BenchmarkReadXML(b *testing.B) {
	var buf bytes.Buffer
	if err := bigCensus(10000).WriteXML(&buf); err != nil {
		b.Fatal(err)
	}
	x := buf.Bytes()
	b.SetBytes(int64(len(x)))
	b.ReportAllocs()
	for b.Loop() {
		if _, problems := ReadXML(bytes.NewReader(x)); len(problems) != 0 {
			b.Fatalf("problems: %v", problems[:1])
		}
	}
}
