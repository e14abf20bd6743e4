package journey

import (
	"testing"

	"hearth/internal/care"
)

func TestPlacements(t *testing.T) {
	// Came into care on 10 January 2023; a care order on 3 April in the
	// same placement (L, no move); moved on 1 September (P) and again on
	// 29 February 2024 (T: same carers, new type); left on 1 June 2024 and
	// came back on 1 August 2024.
	rs := []Record{
		episode(101, "2023-01-10", "2023-04-03", "S", "X1"),
		legal(episode(102, "2023-04-03", "2023-09-01", "L", "X1"), "C2"),
		withEpisode(moved(legal(episode(103, "2023-09-01", "2024-02-29", "P", "X1"), "C2"), 7), func(_ *Record, e *care.Episode) { e.ReasonPlaceChange = "CHILD" }),
		withEpisode(moved(legal(episode(104, "2024-02-29", "2024-06-01", "T", "E4A"), "C2"), 7), func(_ *Record, e *care.Episode) { e.Placement = "U4" }),
		episode(105, "2024-08-01", "", "S", ""),
	}
	got := Placements(rs)
	want := []struct {
		start, end string
		period     int
		episodes   []ID
		reason     string
	}{
		{"2023-01-10", "2023-09-01", 1, []ID{101, 102}, ""},
		{"2023-09-01", "2024-02-29", 1, []ID{103}, "CHILD"},
		{"2024-02-29", "2024-06-01", 1, []ID{104}, ""},
		{"2024-08-01", "", 2, []ID{105}, ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d placements: %+v", len(got), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Start != day(w.start) || g.End != day(w.end) || g.Period != w.period || len(g.Episodes) != len(w.episodes) || g.Reason != w.reason {
			t.Errorf("placement %d: got %+v, want %+v", i, g, w)
			continue
		}
		for j := range w.episodes {
			if g.Episodes[j] != w.episodes[j] {
				t.Errorf("placement %d: episodes %v, want %v", i, g.Episodes, w.episodes)
			}
		}
	}
	tests := []struct {
		on   string
		want int
	}{
		{"2023-08-31", 0},
		{"2023-09-01", 1}, // the move on the day counts
		{"2024-02-29", 2},
		{"2024-08-31", 2}, // a new period of care is not a move
		{"2024-09-01", 1}, // 12 months back from 1 September 2024 leaves out 1 September 2023
		{"2025-02-28", 1}, // 12 months back from 28 February 2025 is 28 February 2024: the leap-day move counts
		{"2025-03-01", 0}, // 12 months back from 1 March 2025 is 1 March 2024
	}
	for _, tt := range tests {
		if got := MovesIn12Months(rs, day(tt.on)); got != tt.want {
			t.Errorf("MovesIn12Months(%s) = %d, want %d", tt.on, got, tt.want)
		}
	}
}

// TestMovesSkipTemporaryPlacements: a fortnight in a temporary placement
// (T1: a holiday placement) and the return to the same carers are not
// moves; a move from the temporary placement to new carers is.
func TestMovesSkipTemporaryPlacements(t *testing.T) {
	temp := func(r Record) Record {
		return withEpisode(r, func(_ *Record, e *care.Episode) { e.Placement, e.Provider, e.URN = "T1", "", "" })
	}
	home := episode(201, "2023-05-01", "2023-08-01", "S", "X1")
	holiday := temp(episode(202, "2023-08-01", "2023-08-15", "P", "X1"))
	back := episode(203, "2023-08-15", "", "P", "")
	if got := MovesIn12Months([]Record{home, holiday, back}, day("2023-09-01")); got != 0 {
		t.Errorf("a temporary placement and the return: %d moves, want 0", got)
	}
	elsewhere := moved(episode(203, "2023-08-15", "", "P", ""), 9)
	if got := MovesIn12Months([]Record{home, holiday, elsewhere}, day("2023-09-01")); got != 1 {
		t.Errorf("a temporary placement then new carers: %d moves, want 1", got)
	}
	second := temp(episode(203, "2023-08-15", "2023-08-20", "P", "X1"))
	backAfterTwo := episode(204, "2023-08-20", "", "P", "")
	if got := MovesIn12Months([]Record{home, holiday, second, backAfterTwo}, day("2023-09-01")); got != 0 {
		t.Errorf("two temporary placements and the return: %d moves, want 0", got)
	}
}
