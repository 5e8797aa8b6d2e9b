package sonarsim

import (
	"encoding/json"
	"testing"
)

func TestSystemInfo(t *testing.T) {
	type info struct {
		Health string
		System map[string]any
	}
	for ed, label := range map[string]string{
		"": "Enterprise", EditionCommunity: "Community", EditionDeveloper: "Developer",
		EditionEnterprise: "Enterprise", EditionDataCenter: "Data Center",
	} {
		f := newFixture(t, Options{Version: "9.9", Edition: ed})
		r := f.get("/api/system/info", f.tok["admin"], nil)
		wantStatus(t, r, 200)
		var got info
		must(t, json.Unmarshal([]byte(r.body), &got))
		sys := got.System
		if got.Health != "GREEN" || sys["Version"] != "9.9.8.100196" || sys["Edition"] != label ||
			sys["High Availability"] != (ed == EditionDataCenter) {
			t.Errorf("%q: %s", ed, r.body)
		}
		if id, _ := sys["Server ID"].(string); len(id) != 29 || id[8] != '-' {
			t.Errorf("Server ID %q", id)
		}
	}
	f := newFixture(t, Options{})
	wantError(t, f.get("/api/system/info", f.tok["alice"], nil), 403, "Insufficient privileges")
	wantError(t, f.get("/api/system/info", f.tok["scanner"], nil), 403, "Insufficient privileges")
	wantEmpty401(t, f.get("/api/system/info", "", nil))
	wantStatus(t, f.get("/api/system/info", f.tok["boss"], nil), 200)
	// A GET action: POST is refused as on every 10.x action.
	wantError(t, f.post("/api/system/info", f.tok["admin"], nil), 405, "HTTP method GET is required")
}
