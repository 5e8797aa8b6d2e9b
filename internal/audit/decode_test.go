package audit

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// decodeSeeds are lines as sonartoken writes them and lines that only a
// planted or damaged log holds.
var decodeSeeds = []string{
	`{"time":"2026-05-01T10:00:00Z","server":"https://sonar.example.com","profile":"prod","actor":"admin","login":"ada","name":"ci","type":"USER_TOKEN","project":"","expiration":null,"action":"generate","outcome":"ok"}`,
	`{"time":"2026-05-01T10:00:00+02:00","server":"s","profile":"","actor":"a","login":"l","name":"n","newName":"n-2","type":"","project":"p","expiration":"2027-01-01T00:00:00Z","action":"rotate","outcome":"failed","error":"the server answered 500"}`,
	` { "time" : "2026-05-01T10:00:00Z" , "action" : "revoke" , "name" : "été ☃ 名前" } `,
	`{"action":"revoke","name":"a\u003cb\u0026c","login":"\ud83d\ude00\ud800x"}`,
	`{"action":"revoke","Name":"case","LOGIN":"upper"}`,
	`{"action":"revoke","name":"dup","name":"last","expiration":"2027-01-01T00:00:00Z","expiration":null}`,
	`{"action":"revoke","extra":{"nested":[1,2]},"n":1}`,
	`{"action":"revoke","time":"yesterday"}`,
	`{"action":"revoke","expiration":"2027-13-01T00:00:00Z"}`,
	`{"action":"revoke","time":null,"name":null}`,
	`{"action":"revoke","name":"tab	inside"}`,
	"{\"action\":\"revoke\",\"name\":\"bad \xff utf8\"}",
	`{"action":"revoke","name":"cut`,
	`{"action":"revoke"}x`,
	`{"action":"revoke",}`,
	`{"action":"revoke","name":nullx}`,
	`{"action":"revoke","name":123}`,
	`{"action":true}`,
	`{}`,
	`[]`,
	`null`,
	``,
	`{"action":"revoke"}{"action":"generate"}`,
}

// TestDecodeAsJSON checks that decode reads every seed as json.Unmarshal
// does: the same entry, an error for the same lines.
func TestDecodeAsJSON(t *testing.T) {
	for _, s := range decodeSeeds {
		checkDecode(t, []byte(s))
	}
}

// TestDecodeFlatTakesWhatSonartokenWrites checks that the lines Append
// writes take the fast path, which the speed of `sonartoken log` needs.
func TestDecodeFlatTakesWhatSonartokenWrites(t *testing.T) {
	exp := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, e := range []Entry{
		{Time: time.Date(2026, 5, 1, 10, 0, 0, 123, time.UTC), Server: "https://sonar.example.com", Actor: "admin", Login: "ada", Name: "ci", Type: "USER_TOKEN", Action: Generate, Outcome: OK},
		{Time: time.Now(), Server: "s", Login: "l", Name: "été", NewName: "n-2", Project: "p", Expiration: &exp, Action: Rotate, Outcome: Failed, Error: "the server answered 500"},
	} {
		line, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var got Entry
		if !decodeFlat(line, &got, nil) {
			t.Fatalf("decodeFlat refused %s", line)
		}
		checkDecode(t, line)
	}
}

func checkDecode(t *testing.T, line []byte) {
	t.Helper()
	var want, got Entry
	werr := json.Unmarshal(line, &want)
	gerr := decode(line, &got, &Entry{Server: "s", Action: Revoke, Name: "n"})
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%q: decode error %v, json.Unmarshal error %v", line, gerr, werr)
	}
	if werr == nil && !reflect.DeepEqual(want, got) {
		t.Fatalf("%q:\ndecode         %+v\njson.Unmarshal %+v", line, got, want)
	}
}

// FuzzDecode checks decode against json.Unmarshal on any line.
//
//	go test -run '^$' -fuzz '^FuzzDecode$' -fuzztime 30s ./internal/audit/
func FuzzDecode(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) { checkDecode(t, line) })
}
