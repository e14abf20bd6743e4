package web

import (
	"testing"

	"hearth/internal/indicators"
)

func TestNiceStep(t *testing.T) {
	for _, c := range []struct {
		span float64
		unit indicators.Unit
		want float64
	}{
		{1, indicators.UnitCount, 1},     // 0 to 1 children: whole ticks
		{1, indicators.UnitPercent, 0.5}, // a percentage may step by halves
		{24, indicators.UnitPercent, 10},
		{100, indicators.UnitPercent, 50},
		{7, indicators.UnitRate, 2},
		{540, indicators.UnitDays, 200},
		{0, indicators.UnitCount, 1},
	} {
		if got := niceStep(c.span, c.unit); got != c.want {
			t.Errorf("niceStep(%v, %s) = %v, want %v", c.span, c.unit, got, c.want)
		}
	}
}
