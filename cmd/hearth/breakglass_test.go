package main

import (
	"strings"
	"testing"
)

func TestBreakGlassSwitch(t *testing.T) {
	for v, want := range map[string]bool{"on": true, "ON": true, " true ": true, "yes": true, "1": true, "off": false, "False": false, "no": false, "0": false} {
		got, err := onOff("break-glass", v)
		if err != nil || got != want {
			t.Errorf("onOff(%q) = %v, %v; want %v", v, got, err, want)
		}
	}
	for _, v := range []string{"", "maybe", "2"} {
		if _, err := onOff("break-glass", v); err == nil || !strings.Contains(err.Error(), "--break-glass must be on or off") {
			t.Errorf("onOff(%q) error = %v", v, err)
		}
	}
	t.Setenv("HEARTH_BREAK_GLASS", "sometimes")
	if _, _, err := hearth(t, "", "serve", "--db", newStore(t), "--addr", "127.0.0.1:0"); err == nil || !strings.Contains(err.Error(), "must be on or off") {
		t.Errorf("serve with HEARTH_BREAK_GLASS=sometimes: %v", err)
	}
}
