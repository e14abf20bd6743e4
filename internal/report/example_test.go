package report_test

import (
	"os"
	"time"

	"hearth/internal/civil"
	"hearth/internal/report"
)

// A module builds a Document of typed values and hands it to a renderer.
func Example() {
	d := report.Document{
		Title:    "Edge of care",
		Subtitle: "Board report, March 2023",
		Made:     time.Date(2023, time.April, 3, 9, 0, 0, 0, time.UTC), // App.Now()
		Sections: []report.Section{{
			Heading: "Finance",
			Blocks: []report.Block{
				report.KeyFigures{Figures: []report.KeyFigure{
					{Label: "Spent", Value: report.Pence(1081234567), Note: "of £11,000,000.00"},
				}},
				report.Table{
					Columns: []report.Column{
						{Heading: "Month", Kind: report.Date},
						{Heading: "Families", Kind: report.Integer},
						{Heading: "Seen in 10 days", Kind: report.Percent},
					},
					Rows: [][]report.Value{
						{report.On(civil.MustNew(2023, time.March, 31)), report.Int(1204), report.Ratio(987, 1204, 1)},
					},
				},
			},
		}},
	}
	// report.PDF(w, d) and report.XLSX(w, d) take the same document.
	if err := report.HTML(os.Stdout, d); err != nil {
		panic(err)
	}
	// Output:
	// <h1 class="govuk-heading-xl">Edge of care</h1>
	// <p class="govuk-body-l">Board report, March 2023</p>
	// <h2 class="govuk-heading-l">Finance</h2>
	// <dl class="govuk-summary-list">
	//   <div class="govuk-summary-list__row">
	//     <dt class="govuk-summary-list__key">Spent</dt>
	//     <dd class="govuk-summary-list__value">
	//       <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">£10,812,345.67</p>
	//       <p class="govuk-body-s govuk-!-margin-bottom-0">of £11,000,000.00</p>
	//     </dd>
	//   </div>
	// </dl>
	// <table class="govuk-table">
	//   <thead class="govuk-table__head">
	//     <tr class="govuk-table__row">
	//       <th scope="col" class="govuk-table__header">Month</th>
	//       <th scope="col" class="govuk-table__header govuk-table__header--numeric">Families</th>
	//       <th scope="col" class="govuk-table__header govuk-table__header--numeric">Seen in 10 days</th>
	//     </tr>
	//   </thead>
	//   <tbody class="govuk-table__body">
	//     <tr class="govuk-table__row">
	//       <td class="govuk-table__cell"><time datetime="2023-03-31">31 March 2023</time></td>
	//       <td class="govuk-table__cell govuk-table__cell--numeric">1,204</td>
	//       <td class="govuk-table__cell govuk-table__cell--numeric">82.0%</td>
	//     </tr>
	//   </tbody>
	// </table>
}
