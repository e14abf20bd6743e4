package store

import (
	"context"
	"time"

	"hearth/internal/access"
	"hearth/internal/people"
)

// AsOfReader reads many records as they were recorded at a past moment, for
// the indicators and the statutory returns ("the children on a plan at 31
// March, as the records stood on 15 May").
//
// Two kinds of time meet here. recordedAt is when something was written:
// each record is read at its latest version recorded at or before it, so a
// correction made afterwards is not seen and a return made on 15 May can be
// reproduced exactly. When a fact took effect (a date of birth, an address's
// or a relationship's start and end dates) is a date inside the record: the
// caller reads the records as recorded at recordedAt, then applies the
// domain's own rules for a date (people.Person.IsChildOn, a relationship's
// dates) to what it got. See docs/DATA-MODEL.md.
//
// A zero recordedAt reads the latest versions. Records that did not exist
// yet at recordedAt are left out of the map, as are ids that name no
// record. Empty ids mean every record of the kind.
//
// These reads take the access.BulkPermit of the decision that allowed the
// bulk read (access.ReadInBulk) and refuse one that is not valid; the caller
// (a return, an indicator's list of children) logs the read as one line with
// the number of children.
type AsOfReader interface {
	PeopleAsOf(ctx context.Context, bp access.BulkPermit, ids []people.ID, recordedAt time.Time) (map[people.ID]people.Person, error)
	RelationshipsAsOf(ctx context.Context, bp access.BulkPermit, ids []people.RelationshipID, recordedAt time.Time) (map[people.RelationshipID]people.Relationship, error)
}
