package demo

import (
	"encoding/hex"
	"testing"
)

// seed1Fingerprint is the SHA-256 of Demo City's JSON encoding for seed 1 at
// scale 1 on testToday (see fingerprint): its services, teams, workers (the
// users), people, relationships, involvements and journeys. Refactoring the
// generator must not change it. A deliberate change to Demo City changes it too: then check the city
// still matches the seed figures (the other tests here) and write the new
// value down.
const seed1Fingerprint = "91c0c5ab2f14f24abe01342a84d025cdc56dbb415b73d777fb3d49715b01cc24"

func TestSeed1IsUnchanged(t *testing.T) {
	t.Parallel()
	sum := city1Fingerprint()
	if got := hex.EncodeToString(sum[:]); got != seed1Fingerprint {
		t.Fatalf("Demo City for seed 1 has changed: fingerprint %s, want %s", got, seed1Fingerprint)
	}
}
