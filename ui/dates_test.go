package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/model"
)

// pinLocal sets time.Local (the user's TZ) for the test and puts it back.
func pinLocal(t *testing.T, zone string) {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Skipf("no tzdata for %s: %v", zone, err)
	}
	old := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = old })
}

// TestHeaderNamesConsoleTokenDay: the header names the console token's
// expiry by the day it was generated with, though a server in New York
// sends the expiration header as the evening before, for a user in
// Honolulu.
func TestHeaderNamesConsoleTokenDay(t *testing.T) {
	pinLocal(t, "Pacific/Honolulu")
	exp, err := time.Parse("2006-01-02T15:04:05-0700", "2027-01-14T19:00:00-0500")
	if err != nil {
		t.Fatal(err)
	}
	f := newFake()
	f.expiry = exp
	f.tokens = []model.Token{{Login: "ada", Name: "ci", Type: model.TypeUser, CreatedAt: testNow, ExpiresAt: &exp}}
	view := newModel(t, f, nil, 120, 30).View()
	if !strings.Contains(view, "console token expires 2027-01-15") {
		t.Errorf("the header should read console token expires 2027-01-15:\n%s", view)
	}
	if strings.Contains(view, "2027-01-14") {
		t.Errorf("a day early somewhere:\n%s", view)
	}
}
