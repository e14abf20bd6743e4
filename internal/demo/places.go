package demo

import (
	"fmt"
	"strings"

	"hearth/internal/civil"
	"hearth/internal/people"
)

// ward is one of the city's twenty electoral wards.
type ward struct {
	name      string
	districts []string // postcode districts the ward's streets are in
	locality  string   // written as address line 2, when the ward has one
	children  float64  // relative number of households with children
	diversity float64  // relative share of minority ethnic households
	need      float64  // relative deprivation: how likely a family needs help
	area      int      // early help area
}

// wards are the city's wards with the postcode districts that cover them. The
// figures beside each are the generator's own relative weights.
var wards = []ward{
	{"Bilston East", []string{"WV14"}, "Stowlawn", 1.05, 0.55, 1.6, areaSouth},
	{"Bilston North", []string{"WV14", "WV1"}, "Bradley", 1.0, 0.5, 1.4, areaEast},
	{"Blakenhall", []string{"WV2", "WV4"}, "Blakenhall", 1.05, 1.9, 1.3, areaSouth},
	{"Bushbury North", []string{"WV10"}, "Bushbury", 0.95, 0.6, 1.1, areaNorth},
	{"Bushbury South and Low Hill", []string{"WV10"}, "Low Hill", 1.2, 0.8, 1.8, areaNorth},
	{"East Park", []string{"WV1", "WV11"}, "", 1.05, 1.0, 1.6, areaEast},
	{"Ettingshall", []string{"WV2", "WV4", "WV14"}, "Ettingshall", 1.1, 1.7, 1.7, areaSouth},
	{"Fallings Park", []string{"WV10"}, "", 1.0, 0.9, 1.2, areaNorth},
	{"Graiseley", []string{"WV3", "WV2"}, "", 1.0, 1.8, 1.1, areaWest},
	{"Heath Town", []string{"WV10", "WV11", "WV1"}, "Heath Town", 1.15, 1.6, 1.8, areaNorth},
	{"Merry Hill", []string{"WV3", "WV4"}, "Merry Hill", 0.9, 0.6, 0.6, areaWest},
	{"Oxley", []string{"WV10", "WV9", "WV6"}, "Oxley", 1.0, 0.7, 1.1, areaNorth},
	{"Park", []string{"WV3", "WV6", "WV1"}, "", 0.9, 1.4, 0.8, areaWest},
	{"Penn", []string{"WV4", "WV3"}, "Penn", 0.9, 0.8, 0.5, areaWest},
	{"St Peter's", []string{"WV1", "WV2", "WV3"}, "Whitmore Reans", 1.1, 2.1, 1.6, areaWest},
	{"Spring Vale", []string{"WV14", "WV4"}, "", 1.0, 0.7, 1.2, areaSouth},
	{"Tettenhall Regis", []string{"WV6"}, "Tettenhall", 0.85, 0.6, 0.45, areaWest},
	{"Tettenhall Wightwick", []string{"WV6", "WV3"}, "Wightwick", 0.8, 0.65, 0.4, areaWest},
	{"Wednesfield North", []string{"WV11", "WV12"}, "Wednesfield", 1.0, 0.45, 0.9, areaEast},
	{"Wednesfield South", []string{"WV11", "WV13", "WV10"}, "Wednesfield", 1.0, 0.8, 1.2, areaEast},
}

// postTown returns the post town of a postcode district.
func postTown(district string) string {
	switch district {
	case "WV14":
		return "Bilston"
	case "WV12", "WV13":
		return "Willenhall"
	}
	return "Wolverhampton"
}

// inwardLetters are the letters a postcode's inward code may end with.
const inwardLetters = "ABDEFGHJLNPQRSTUWXYZ"

// street is a street of a ward with the postcodes along it.
type street struct {
	name      string
	district  string
	postcodes []string
	next      int // the next house number to give
	step      int // 1, or 2 where the street is numbered odd and even sides apart
	flats     string
}

// place is a fixed address: a children's home or a supported lodging.
type place struct {
	addr people.Address
	ward int
}

var streetStems = n(`Acacia Albert Alexandra Ash Aston Avon Balmoral Beacon Beech Birch Blackthorn Bramble
	Bridge Broad Brook Buckingham Cannock Castle Cedar Chapel Chestnut Church Clarendon Clifton Coleridge
	College Coppice Cornwall Coronation Cromwell Dale Darlington Dartmouth Derby Dunstall Elm Essex Fern
	Field Foxglove Garden Gladstone Grange Green Hall Hampton Harrow Hawthorn Hazel Heath Holly Hollybush
	Jubilee Kent King Kingsley Lawn Lea Lime Linden Manor Maple Marsh Meadow Mill Moat Newbridge Oak
	Orchard Oxford Park Pine Poplar Primrose Priory Queen Railway Regent Ridge Rose Rowan Russell
	Sandringham School Selborne Severn Shakespeare Sherwood Somerset Spring Stafford Station Sycamore
	Tennyson Thorne Trinity Tudor Union Valley Vicarage Victoria Walsall Warwick Waterloo Wellington
	Westland Willow Windmill Windsor Woodland Worcester Wrekin Yew York Lichfield Goldthorn Compton
	Codsall Bushbury Showell Moseley Stowheath Lanesfield Ettingshall Parkfield Blakeley Graiseley Merridale`)

var streetSuffixes = n(`Road Road Road Street Street Avenue Close Lane Drive Grove Crescent Way Place Gardens Walk Rise`)

var buildingSuffixes = n(`Court House Court Lodge Heights`)

// buildPlaces lays out the streets of each ward with their postcodes, and
// the city's children's homes.
func (g *gen) buildPlaces() {
	g.wards = wards
	// A district has 4,000 possible unit postcodes, so larger cities get
	// longer streets rather than more of them.
	perWard := min(60*g.scale, 150)
	g.streets = make([][]street, len(wards))
	for w := range wards {
		seen := make(map[string]bool)
		for len(g.streets[w]) < perWard {
			name := g.pick(streetStems) + " " + g.pick(streetSuffixes)
			if seen[name] && len(seen) < len(streetStems)*8 {
				continue
			}
			seen[name] = true
			st := street{
				name:     name,
				district: g.pick(wards[w].districts),
				next:     g.between(1, 9),
				step:     1 + g.r.IntN(2),
				flats:    g.pick(streetStems) + " " + g.pick(buildingSuffixes),
			}
			sector := g.r.IntN(10)
			for range g.between(2, 4) {
				st.postcodes = append(st.postcodes, g.newPostcode(st.district, sector))
			}
			g.streets[w] = append(g.streets[w], st)
		}
	}
	for range 8 * g.scale {
		w := g.r.IntN(len(wards))
		a := g.newAddress(w, civil.Date{})
		if strings.HasPrefix(a.Line1, "Flat ") {
			a.Line1 = a.Line2
		}
		a.Line1, a.Line2 = g.pick(streetStems)+" House", a.Line1
		g.homes = append(g.homes, place{addr: a, ward: w})
	}
}

// newPostcode makes a postcode in the district, in the sector if it can,
// that no street has yet (or, should the district run short, one that
// another street shares).
func (g *gen) newPostcode(district string, sector int) string {
	for try := 0; ; try++ {
		pc := fmt.Sprintf("%s %d%c%c", district, sector,
			inwardLetters[g.r.IntN(len(inwardLetters))], inwardLetters[g.r.IntN(len(inwardLetters))])
		if !g.postUsed[pc] || try >= 200 {
			g.postUsed[pc] = true
			return pc
		}
		sector = g.r.IntN(10)
	}
}

// newAddress gives the next free address on a random street of the ward,
// starting on start. About one address in seven is a flat.
func (g *gen) newAddress(w int, start civil.Date) people.Address {
	sts := g.streets[w]
	st := &sts[g.r.IntN(len(sts))]
	num := st.next
	st.next += st.step
	a := people.Address{
		Town:      postTown(st.district),
		Postcode:  st.postcodes[(num/12)%len(st.postcodes)],
		Ward:      wards[w].name,
		StartDate: start,
	}
	if g.chance(0.14) {
		a.Line1 = fmt.Sprintf("Flat %d, %s", g.between(1, 24), st.flats)
		a.Line2 = fmt.Sprintf("%d %s", num, st.name)
	} else {
		a.Line1 = fmt.Sprintf("%d %s", num, st.name)
		a.Line2 = wards[w].locality
	}
	return a
}

// pickWard picks a ward for a household, weighting by how many families with
// children live there and, for minority ethnic households, by how diverse the
// ward is.
func (g *gen) pickWard(minority bool) int {
	if minority {
		return g.pickIndex(g.wardWeights[1])
	}
	return g.pickIndex(g.wardWeights[0])
}
