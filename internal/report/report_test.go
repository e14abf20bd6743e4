package report

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

var made = time.Date(2023, time.April, 28, 9, 30, 0, 0, time.UTC)

// sample is a small board pack with every kind of block.
func sample() Document {
	return Document{
		Title:    "Transformation programme: board pack",
		Subtitle: "April 2023 – “Families first”",
		Made:     made,
		Sections: []Section{
			{Heading: "Summary", Blocks: []Block{
				Paragraph{Text: "Spending is £10,812,345.67 against a budget of £11m; two projects are red."},
				KeyFigures{Figures: []KeyFigure{
					{Label: "Budget spent", Value: Pence(1081234567), Note: "to 31 March 2023"},
					{Label: "Projects on track", Value: Ratio(7, 20, 0), Note: "7 of 20"},
					{Label: "Children in need", Value: Int(3412)},
				}},
				List{Items: []string{"Edge of care: recruit two workers", "Family hubs: open the third hub"}},
			}},
			{Heading: "Finance: spend by project", Blocks: []Block{
				Table{
					Caption: "Spend by project, 2022 to 2023",
					Columns: []Column{
						{Heading: "Project", Kind: Text},
						{Heading: "Children", Kind: Integer},
						{Heading: "Spent", Kind: Money},
						{Heading: "Of budget", Kind: Percent},
						{Heading: "Gateway", Kind: Date},
					},
					Rows: [][]Value{
						{Str("Family hubs"), Int(1200), Pence(512345678), Pct(0.874, 1), On(civil.MustNew(2023, 3, 31))},
						{Str("Edge of care"), Str("c"), Pence(-2500), Pct(1.02, 1), On(civil.Date{})},
					},
					Totals: []Value{Str("Total"), Int(1200), Pence(512343178), Value{}, Value{}},
				},
				Chart{Title: "Spend by month", Data: Table{
					Columns: []Column{{Heading: "Month", Kind: Text}, {Heading: "Spent", Kind: Money}},
					Rows:    [][]Value{{Str("April"), Pence(100)}, {Str("May"), Pence(250)}},
				}},
			}},
		},
	}
}

// longDocument is the annual report's shape: sections projects, each with
// a table of rows monthly reports.
func longDocument(sections, rows int) Document {
	d := Document{Title: "Annual report 2022 to 2023", Subtitle: "Transformation programme", Made: made}
	for s := range sections {
		t := Table{
			Caption: "Monthly reports",
			Columns: []Column{
				{Heading: "Month", Kind: Date}, {Heading: "Status", Kind: Text},
				{Heading: "Children reached", Kind: Integer}, {Heading: "Spent in month", Kind: Money},
				{Heading: "Spent to date", Kind: Money}, {Heading: "Of budget", Kind: Percent},
				{Heading: "Commentary", Kind: Text},
			},
		}
		var total int64
		for r := range rows {
			spent := int64(1234567 + 1000*r + s)
			total += spent
			t.Rows = append(t.Rows, []Value{
				On(civil.MustNew(2020+r/12, time.Month(r%12+1), 1)), Str([]string{"Green", "Amber", "Red"}[r%3]),
				Int(int64(40 + r)), Pence(spent), Pence(total), Ratio(total, 50000000, 1),
				Str("Recruitment on plan; the hub opened on time."),
			})
		}
		t.Totals = []Value{Str("Total"), Value{}, Value{}, Pence(total), Value{}, Value{}, Value{}}
		d.Sections = append(d.Sections, Section{
			Heading: fmt.Sprintf("Project %d: family hubs in the north of the city", s+1),
			Blocks:  []Block{Paragraph{Text: "The project's monthly reports, as the board received them."}, t},
		})
	}
	return d
}

func TestSampleIsValid(t *testing.T) {
	if err := sample().Validate(); err != nil {
		t.Fatal(err)
	}
	if err := longDocument(2, 36).Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidate(t *testing.T) {
	table := func(rows [][]Value, totals []Value) Document {
		return Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{
			Table{Columns: []Column{{Heading: "Name", Kind: Text}, {Heading: "Spent", Kind: Money}}, Rows: rows, Totals: totals},
		}}}}
	}
	tests := []struct {
		name   string
		doc    Document
		fields []string // the paths refused, in order; none for a valid document
	}{
		{"valid", table([][]Value{{Str("a"), Pence(1)}}, []Value{Str("Total"), Pence(1)}), nil},
		{"blank and text cells in any column", table([][]Value{{Value{}, Str("c")}, {Str("b"), Value{}}}, nil), nil},
		{"no title", Document{Made: made}, []string{"title"}},
		{"no moment", Document{Title: "T"}, []string{"made"}},
		{"no heading", Document{Title: "T", Made: made, Sections: []Section{{}}}, []string{"sections[0].heading"}},
		{"short row", table([][]Value{{Str("a")}}, nil), []string{"sections[0].blocks[0].rows[0]"}},
		{"long row", table([][]Value{{Str("a"), Pence(1), Pence(2)}}, nil), []string{"sections[0].blocks[0].rows[0]"}},
		{"wrong kind", table([][]Value{{Str("a"), Int(1)}}, nil), []string{"sections[0].blocks[0].rows[0][1]"}},
		{"number in a text column", table([][]Value{{Int(1), Pence(1)}}, nil), []string{"sections[0].blocks[0].rows[0][0]"}},
		{"short totals", table(nil, []Value{Str("Total")}), []string{"sections[0].blocks[0].totals"}},
		{"a number column holds figures of any unit", Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{
			Table{Columns: []Column{{Heading: "Value", Kind: Number}}, Rows: [][]Value{{Int(3)}, {Pct(0.5, 1)}, {Dec(512.3, 1)}, {Pence(5)}, {Str("–")}}},
		}}}}, nil},
		{"a number column holds no date", Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{
			Table{Columns: []Column{{Heading: "Value", Kind: Number}}, Rows: [][]Value{{On(civil.MustNew(2023, 3, 31))}}},
		}}}}, []string{"sections[0].blocks[0].rows[0][0]"}},
		{"a number to too many places", Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{
			KeyFigures{Figures: []KeyFigure{{Label: "x", Value: Dec(1.5, 4)}}},
		}}}}, []string{"sections[0].blocks[0].figures[0].value"}},
		{"no columns", Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{Table{}}}}},
			[]string{"sections[0].blocks[0].columns"}},
		{"a chart's data is checked", Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{
			Chart{Data: Table{Columns: []Column{{Kind: Percent}}, Rows: [][]Value{{Pct(0.5, 4)}}}},
		}}}}, []string{"sections[0].blocks[0].data.rows[0][0]"}},
		{"a figure that is not a number", Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{
			KeyFigures{Figures: []KeyFigure{{Label: "x", Value: Pct(nan(), 0)}}},
		}}}}, []string{"sections[0].blocks[0].figures[0].value"}},
		{"a date not in the calendar", Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{
			KeyFigures{Figures: []KeyFigure{{Label: "x", Value: On(civil.Date{Year: 2023, Month: 2, Day: 29})}}},
		}}}}, []string{"sections[0].blocks[0].figures[0].value"}},
		{"a tabular section", Document{Title: "T", Made: made, Sections: []Section{{Heading: "List 1", Tabular: true, Blocks: []Block{
			Table{Columns: []Column{{Heading: "Child Unique ID"}}},
		}}}}, nil},
		{"a tabular section of two blocks", Document{Title: "T", Made: made, Sections: []Section{{Heading: "List 1", Tabular: true, Blocks: []Block{
			Paragraph{Text: "Contacts"}, Table{Columns: []Column{{Heading: "Child Unique ID"}}},
		}}}}, []string{"sections[0].blocks"}},
		{"a tabular section that is a chart", Document{Title: "T", Made: made, Sections: []Section{{Heading: "List 1", Tabular: true, Blocks: []Block{
			Chart{Data: Table{Columns: []Column{{Heading: "Child Unique ID"}}}},
		}}}}, []string{"sections[0].blocks"}},
		{"a missing block", Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{nil}}}},
			[]string{"sections[0].blocks[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.doc.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var e *errs.Error
			if !errors.As(err, &e) || e.Code != errs.Internal {
				t.Fatalf("Validate() = %v, want an internal errs.Error", err)
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Field)
			}
			if !slices.Equal(got, tt.fields) {
				t.Errorf("fields = %q, want %q", got, tt.fields)
			}
		})
	}
}

func nan() float64 { z := 0.0; return z / z }

// Every renderer refuses a malformed document before writing a byte.
func TestRenderersRefuseAMalformedDocument(t *testing.T) {
	bad := Document{Title: "T"}
	for name, render := range renderers {
		var b countingWriter
		if err := render(&b, bad); err == nil {
			t.Errorf("%s: no error", name)
		}
		if b > 0 {
			t.Errorf("%s wrote %d bytes of a malformed document", name, b)
		}
	}
}

var renderers = map[string]func(io.Writer, Document) error{"HTML": HTML, "PDF": PDF, "XLSX": XLSX}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
