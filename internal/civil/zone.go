package civil

import (
	"time"
	_ "time/tzdata" // the zone must not depend on the machine: without it, a missing zone database would silently mean UTC
)

// London is the council's time zone, Europe/London. Every rule that asks
// "what day is it?" (is an involvement still open, is a date in the future)
// asks it in this zone, so that at 00:30 in summer time it is already
// tomorrow, whatever zone the server's clock or a test's time is in.
var London = func() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("civil: the Europe/London zone is missing from the embedded zone database: " + err.Error())
	}
	return l
}()

// OfLondon returns the date on which t falls in London.
func OfLondon(t time.Time) Date { return Of(t.In(London)) }

// StartOfLondon is the first moment of day d in London: midnight, which is
// 23:00 the day before in UTC in summer time.
func StartOfLondon(d Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, London)
}
