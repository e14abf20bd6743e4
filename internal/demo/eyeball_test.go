package demo

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"
)

func TestEyeball(t *testing.T) {
	for _, sc := range []int{1, 10} {
		t0 := time.Now()
		c := Generate(3, sc, testToday)
		el := time.Since(t0)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("scale %d: %v, heap %d MB\n", sc, el, ms.HeapAlloc>>20)
		c.Stats().Write(os.Stdout)
		// caseloads
		load := make([]int, len(c.Workers))
		for _, inv := range c.Involvements {
			if inv.Worker >= 0 && inv.Open(c.Today) { load[inv.Worker]++ }
		}
		byTeam := map[string][]int{}
		for i, w := range c.Workers {
			if w.Team >= 0 && (w.Roles[0] == "practitioner" || w.Roles[0] == "mash") { byTeam[c.Teams[w.Team].Name] = append(byTeam[c.Teams[w.Team].Name], load[i]) }
		}
		if sc == 1 {
			for _, tm := range c.Teams { fmt.Println("  ", tm.Name, byTeam[tm.Name]) }
		}
	}
}
