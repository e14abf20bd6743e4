package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/education"
	"hearth/internal/store"
)

// educationWork measures the education targets beside the child's page:
// importing a fortnight's attendance for every pupil of Demo City (the
// children with a UPN aged 4 to 16), once new and once replacing itself;
// the SEN2 return; and the monthly schooling report of children with a
// social worker, as the analyst opens it. The pupils are Demo City's as
// generated today for the seed and scale, so a store loaded on another day
// may not hold their UPNs: the import is then refused and reported so.
func educationWork(ctx context.Context, a *app.App, st store.Store, client *http.Client, base string, secrets []string, cfg Config, out io.Writer) error {
	today := a.Today()
	start := time.Now()
	city := demo.Generate(cfg.Seed, cfg.Scale, today)
	fmt.Fprintf(out, "Education: Demo City generated again for its pupils in %s\n", time.Since(start).Round(10*time.Millisecond))
	from, to := today.AddDays(-14), today.AddDays(-1)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"UPN", "URN", "From", "To", "/", "I", "O"})
	pupils := 0
	for i, p := range city.People {
		age := p.DateOfBirth.AgeOn(today)
		if p.Identifiers.UPN == "" || age < 4 || age > 16 {
			continue
		}
		pupils++
		ill, unauth := i%3, i%2
		_ = w.Write([]string{p.Identifiers.UPN, city.Schools[i%len(city.Schools)].URN, from.String(), to.String(),
			strconv.Itoa(20 - ill - unauth), strconv.Itoa(ill), strconv.Itoa(unauth)})
	}
	w.Flush()
	for _, what := range []string{"new", "replacing"} {
		t0 := time.Now()
		rows, err := education.ReadAttendance(bytes.NewReader(b.Bytes()))
		if err != nil {
			return fmt.Errorf("bench: reading the attendance: %w", err)
		}
		read := time.Since(t0)
		got, err := st.ImportAttendance(ctx, rows, store.Change{Reason: "bench " + what})
		if err != nil {
			fmt.Fprintf(out, "Attendance import of %d pupils: refused (%v); load Demo City today to measure it\n", pupils, err)
			break
		}
		fmt.Fprintf(out, "Attendance import, %s, %d pupils (%d KB of CSV): read %s, store %s (%d replaced), in all %s\n",
			what, got.Rows, b.Len()>>10, ms(read), ms(time.Since(t0)-read), got.Replaced, ms(time.Since(t0)))
	}

	year := today.Year
	var times []time.Duration
	children := 0
	for range 5 {
		t0 := time.Now()
		r, err := a.SystemReturn(ctx, access.SystemBulk("bench"), "hearth bench", app.ReturnRequest{Kind: "sen2", Year: strconv.Itoa(year)})
		if err != nil {
			return fmt.Errorf("bench: the SEN2 return: %w", err)
		}
		times = append(times, time.Since(t0))
		children = r.Children
	}
	slices.Sort(times)
	fmt.Fprintf(out, "SEN2 return %d (%d children), read, built and written, 5 runs: min %s, median %s, max %s\n",
		year, children, ms(times[0]), ms(times[2]), ms(times[4]))

	at := civil.Date{Year: today.Year, Month: today.Month, Day: 1}.AddDays(-1) // the last month's end
	res := load(client, 1, secrets[:1], 50, 0, func(int, int) string { return base + "/schooling?at=" + at.String() })
	report(out, fmt.Sprintf("Schooling report of children with a social worker at %s, the analyst, one at a time", at), res)
	res = load(client, 1, secrets[:1], 20, 0, func(int, int) string {
		return base + "/schooling.csv?at=" + at.String() + "&figure=persistent_absence"
	})
	report(out, "Schooling report, the persistently absent children's CSV, one at a time", res)
	return nil
}
