package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// zone loads a user's time zone, for Options.Zone: the tests never change
// time.Local, which the servers' goroutines read.
func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no tzdata for %s: %v", name, err)
	}
	return loc
}

// TestHeaderNamesConsoleTokenDay: the header names the console token's
// expiry by the day it was generated with, though a server in New York
// sends the expiration header as the evening before, for a user in
// Honolulu.
func TestHeaderNamesConsoleTokenDay(t *testing.T) {
	t.Parallel()
	exp, err := time.Parse("2006-01-02T15:04:05-0700", "2027-01-14T19:00:00-0500")
	if err != nil {
		t.Fatal(err)
	}
	f := newFake()
	f.expiry = exp
	f.tokens = []model.Token{{Login: "ada", Name: "ci", Type: model.TypeUser, CreatedAt: testNow, ExpiresAt: &exp}}
	view := newModelOpts(t, Options{Service: f, Now: clock, StaticCursor: true, Zone: zone(t, "Pacific/Honolulu")}, 120, 30).View()
	if !strings.Contains(view, "console token expires 2027-01-15") {
		t.Errorf("the header should read console token expires 2027-01-15:\n%s", view)
	}
	if strings.Contains(view, "2027-01-14") {
		t.Errorf("a day early somewhere:\n%s", view)
	}
}
