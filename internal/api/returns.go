package api

import (
	"fmt"
	"net/http"
	"strings"

	"hearth/internal/app"
	"hearth/internal/store"
)

// returnRoutes are the statutory returns: a return of a collection year as
// its records were recorded at a moment, as the DfE's file.
func (x *API) returnRoutes() []route {
	return []route{
		{http.MethodGet, "/returns/{kind}", x.statutoryReturn},
		{http.MethodPost, "/returns/import", x.importReturns},
		{http.MethodGet, "/settings/council", x.council},
		{http.MethodPut, "/settings/council", x.setCouncil},
	}
}

// The council's details, each named after its OpenAPI schema.
type (
	councilResponse struct {
		LANumber string           `json:"la_number"` // "" while not set
		Version  int              `json:"version"`
		History  []councilVersion `json:"history"`
	}
	councilVersion struct {
		saved
		LANumber string `json:"la_number"`
	}
	// councilUpdate sets the council's details, from the version the
	// change starts from (0 if never set; 409 if someone has saved since).
	councilUpdate struct {
		LANumber string `json:"la_number"`
		Version  int    `json:"version"`
		Reason   string `json:"reason"`
	}
)

func councilOf(cd app.CouncilDetailsPage) councilResponse {
	out := councilResponse{LANumber: cd.Current.LANumber, Version: cd.Version, History: make([]councilVersion, 0, len(cd.History))}
	for _, v := range cd.History {
		out.History = append(out.History, councilVersion{saved: savedOf(v), LANumber: v.Record.LANumber})
	}
	return out
}

// council: GET /api/v1/settings/council, for those who read the council's
// settings.
func (x *API) council(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	cd, err := x.app.CouncilDetails(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, councilOf(cd))
	return nil
}

// setCouncil: PUT /api/v1/settings/council. Administrators only. It answers
// with the details as they then stand.
func (x *API) setCouncil(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req councilUpdate
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	if err := x.app.SetCouncilDetails(r.Context(), ac, store.Council{LANumber: req.LANumber}, req.Version, req.Reason); err != nil {
		return err
	}
	cd, err := x.app.CouncilDetails(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, councilOf(cd))
	return nil
}

// statutoryReturn sends the return named by the path (cin, ssda903,
// annexa) for the year (?year=2023), or for a return of a window (annexa)
// the months to a day (?to=2023-03-31&months=12), as recorded on a day or
// at a moment (?as_recorded_on=; empty: now), as its file: the census as
// XML, Annex A as a workbook, a return of several files (the 903's CSV
// files) as a zip of them. Its header Hearth-As-Recorded-At is the moment
// read, which gives the same bytes again. Errors are the API's JSON,
// naming the query parameters at fault.
func (x *API) statutoryReturn(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	q := r.URL.Query()
	ret, err := x.app.MakeReturn(r.Context(), ac, app.ReturnRequest{Kind: r.PathValue("kind"), Year: q.Get("year"),
		To: q.Get("to"), Months: q.Get("months"), AsRecordedOn: q.Get("as_recorded_on")})
	if err != nil {
		return err
	}
	f, err := ret.Download()
	if err != nil {
		return err
	}
	ctype := f.ContentType
	if strings.HasPrefix(ctype, "text/") || strings.HasSuffix(ctype, "/xml") {
		ctype += "; charset=utf-8"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, f.Name))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Hearth-As-Recorded-At", ret.RecordedAt.UTC().Format("2006-01-02T15:04:05.999999Z07:00"))
	_, err = w.Write(f.Body)
	return err
}
