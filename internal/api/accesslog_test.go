package api

import (
	"encoding/json"
	"slices"
	"testing"

	"hearth/internal/store"
)

// TestOpenAPIAccessLogLists holds the document's lists of access-log
// actions and record kinds to the store's, so that an action added to the
// log is added to the document too.
func TestOpenAPIAccessLogLists(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Enum []string `json:"enum"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	strs := func(vs any) []string {
		var out []string
		switch vs := vs.(type) {
		case []store.AccessAction:
			for _, v := range vs {
				out = append(out, string(v))
			}
		case []store.Kind:
			for _, v := range vs {
				out = append(out, string(v))
			}
		}
		return out
	}
	if got, want := doc.Components.Schemas["AccessAction"].Enum, strs(store.AccessActions); !slices.Equal(got, want) {
		t.Errorf("AccessAction lists %v, the store %v", got, want)
	}
	if got, want := doc.Components.Schemas["RecordKind"].Enum, strs(store.RecordKinds); !slices.Equal(got, want) {
		t.Errorf("RecordKind lists %v, the store %v", got, want)
	}
}
