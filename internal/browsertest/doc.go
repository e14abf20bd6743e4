// Package browsertest drives Hearth's pages in headless Chromium: a
// practitioner's journey from sign-in to a saved change, adding a person, the
// same pages with JavaScript turned off, and an axe-core accessibility check of
// every page visited. The package holds tests only; run them with
//
//	go test ./internal/browsertest/ -v -count=1
//
// The tests need Chromium (HEARTH_CHROMIUM, else /usr/bin/chromium, else
// chromium on PATH) and axe-core in node_modules (scripts/assets installs it).
// Without either they are skipped, or fail when CI is set. Screenshots go to
// the folder HEARTH_SCREENSHOTS names, or to a temporary folder.
package browsertest
