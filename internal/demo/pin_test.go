package demo

import (
	"encoding/hex"
	"testing"
)

// seed1Fingerprint is the SHA-256 of Demo City's JSON encoding for seed 1 at
// scale 1 on testToday: its services, teams, workers (the users), people,
// relationships and involvements. Refactoring the generator must not change
// it. A deliberate change to Demo City changes it too: then check the city
// still matches the seed figures (the other tests here) and write the new
// value down.
const seed1Fingerprint = "ba90cdc0adffe6bdde2e7cbd82999816a345070f2ab842582ec13672f93a99ef"

func TestSeed1IsUnchanged(t *testing.T) {
	t.Parallel()
	sum := fingerprint(city1())
	if got := hex.EncodeToString(sum[:]); got != seed1Fingerprint {
		t.Fatalf("Demo City for seed 1 has changed: fingerprint %s, want %s", got, seed1Fingerprint)
	}
}
