package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestSearchFindsTheCaseloadAmongMany checks that a practitioner's search
// reaches the children in their scope (and those children's relatives) even
// when many more people share the name, and counts the others without
// showing them.
func TestSearchFindsTheCaseloadAmongMany(t *testing.T) {
	e := newEnv(t)
	e.app.BreakGlass = false // as a council that has switched it off; breakglass_test.go has it on
	ctx := context.Background()
	c := store.Change{By: e.users[access.Admin].ID, Reason: "test"}
	var many []people.Person
	for i := 0; i < 300; i++ {
		many = append(many, people.Person{GivenName: fmt.Sprintf("Aaron%03d", i), FamilyName: "Khan", DateOfBirth: civil.MustNew(2010, time.January, 1+i%28)})
	}
	if _, err := e.st.ImportPeople(ctx, many, nil, c); err != nil {
		t.Fatal(err)
	}
	mother, err := e.st.CreatePerson(ctx, people.Person{GivenName: "Fatima", FamilyName: "Khan", DateOfBirth: civil.MustNew(1988, time.August, 12)}, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.CreateRelationship(ctx, people.Relationship{From: mother.ID, To: e.child, Type: "parent"}, c); err != nil {
		t.Fatal(err)
	}
	// Names sort Aaron000..Aaron299 before Amira and Fatima: an unscoped
	// first page would hold none of the practitioner's people.
	res := e.browser().signIn(access.Practitioner).get("/search?name=khan")
	if res.status != http.StatusOK {
		t.Fatalf("status %d", res.status)
	}
	for _, want := range []string{"Amira", "Fatima"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the practitioner's search does not show %s", want)
		}
	}
	if strings.Contains(res.body, "Aaron0") {
		t.Error("the practitioner's search shows people outside their scope")
	}
	if !strings.Contains(res.body, "matching records are held by teams you do not work with") {
		t.Error("the search does not say that other teams hold more matches")
	}
	// The analyst reads everyone, so sees the first of the others.
	if res := e.browser().signIn(access.Analyst).get("/search?name=khan"); !strings.Contains(res.body, "Aaron000") {
		t.Error("the analyst's search does not show everyone")
	}
}
