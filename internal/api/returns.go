package api

import (
	"fmt"
	"net/http"

	"hearth/internal/app"
)

// returnRoutes are the statutory returns: a return of a collection year as
// its records were recorded at a moment, as the DfE's file.
func (x *API) returnRoutes() []route {
	return []route{
		{http.MethodGet, "/returns/{kind}", x.statutoryReturn},
	}
}

// statutoryReturn sends the return named by the path (cin) for the year
// (?year=2023) as recorded on a day or at a moment (?as_recorded_on=;
// empty: now), as its file: the census as XML. Its header
// Hearth-As-Recorded-At is the moment read, which gives the same bytes
// again. A return of several files (a folder of CSV files) will come as a
// zip. Errors are the API's JSON, naming the query parameters at fault.
func (x *API) statutoryReturn(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	q := r.URL.Query()
	ret, err := x.app.MakeReturn(r.Context(), ac, app.ReturnRequest{Kind: r.PathValue("kind"), Year: q.Get("year"), AsRecordedOn: q.Get("as_recorded_on")})
	if err != nil {
		return err
	}
	if len(ret.Files) != 1 {
		return fmt.Errorf("api: return %s has %d files: the API sends one", ret.Kind.Name, len(ret.Files))
	}
	f := ret.Files[0]
	h := w.Header()
	h.Set("Content-Type", f.ContentType+"; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, f.Name))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Hearth-As-Recorded-At", ret.RecordedAt.UTC().Format("2006-01-02T15:04:05.999999Z07:00"))
	_, err = w.Write(f.Body)
	return err
}
