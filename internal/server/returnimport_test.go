package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/returns/cin"
)

// importCensus is a census of 2023 with one child, id, referred on 3 May
// 2022 and assessed.
func importCensus(id string) string {
	c := cin.Census{Year: 2023, Header: cin.Header{LEA: "999", SoftwareCode: "Test", DateTime: time.Date(2023, time.May, 15, 9, 0, 0, 0, time.UTC)},
		Children: []cin.CensusChild{{LAChildID: id, BirthDate: civil.MustNew(2015, time.June, 1), Sex: "2", Ethnicity: "WBRI",
			Episodes: []cin.Episode{{ReferralDate: civil.MustNew(2022, time.May, 3), ReferralSource: "1A", PrimaryNeed: "N1",
				Assessments: []cin.Assessment{{Start: civil.MustNew(2022, time.May, 4), Authorised: civil.MustNew(2022, time.June, 1), Factors: []string{"2B"}}}}}}}}
	var b bytes.Buffer
	if err := c.WriteXML(&b); err != nil {
		panic(err)
	}
	return b.String()
}

// returnImportRoutes are the route table's rows for importing returns.
var returnImportRoutes = map[string]routeRule{
	"POST /api/v1/returns/import": {allowed: exporters, req: func(*env, access.Role) call {
		return call{body: importCensus("IMP" + serial())}
	}, check: func(_ *env, _ *browser, _ access.Role, _ call, res response) error {
		var got struct{ Children, Created, Records int }
		if err := json.Unmarshal([]byte(res.body), &got); err != nil || got.Children != 1 || got.Created != 1 || got.Records != 2 {
			return fmt.Errorf("imported %+v: %s", got, res.body)
		}
		return nil
	}},
}
