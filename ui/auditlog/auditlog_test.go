package auditlog

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/internal/audit"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

type memLog struct {
	got []audit.Entry
	err error
}

func (l *memLog) Append(e audit.Entry) error {
	l.got = append(l.got, e)
	return l.err
}

var now = time.Date(2026, 11, 30, 12, 0, 0, 0, time.FixedZone("CET", 3600))

func TestRecordWritesInTheCmd(t *testing.T) {
	t.Parallel()
	log := &memLog{}
	r := Recorder{Log: log, Server: "https://sq", Profile: "prod", Actor: "admin", Now: func() time.Time { return now }}
	exp := now.Add(24 * time.Hour)
	tok := model.Token{Login: "ada", Name: "ci", Type: model.TypeProject, ProjectKey: "shop", ExpiresAt: &exp}
	cmd := r.Record(audit.Rotate, tok, "ci-20261130", nil)
	if len(log.got) != 0 {
		t.Fatal("written outside the Cmd")
	}
	msg := cmd().(RecordedMsg)
	if msg.Err != nil || len(log.got) != 1 {
		t.Fatalf("%v %v", msg.Err, log.got)
	}
	e := log.got[0]
	if !e.Time.Equal(now) || e.Time.Location() != time.UTC || e.Server != "https://sq" || e.Profile != "prod" || e.Actor != "admin" ||
		e.Login != "ada" || e.Name != "ci" || e.NewName != "ci-20261130" || e.Type != "PROJECT_ANALYSIS_TOKEN" || e.Project != "shop" ||
		e.Expiration == nil || !e.Expiration.Equal(exp) || e.Action != audit.Rotate || e.Outcome != audit.OK || e.Error != "" {
		t.Errorf("entry %+v", e)
	}
	if got := Line(e); got != `Audit: rotated "ci" of ada into "ci-20261130"` {
		t.Errorf("line %q", got)
	}
	if (Recorder{}).Record(audit.Revoke, tok, "", nil) != nil {
		t.Error("a Cmd without a log")
	}
}

func TestOutcomes(t *testing.T) {
	t.Parallel()
	log := &memLog{err: errors.New("disk full")}
	r := Recorder{Log: log, Actor: "admin"}
	lost := &client.LostResponseError{Op: "generate", Name: "x", Created: true, Err: errors.New("EOF")}
	unconf := &client.LostResponseError{Op: "revoke", Name: "x", Unconfirmed: true, Err: errors.New("EOF"), SearchErr: errors.New("EOF")}
	refused := &client.APIError{Method: "POST", Endpoint: "api/user_tokens/generate", Status: 400, Messages: []string{"A user token for login 'admin' and name 'x' already exists"}}
	for _, c := range []struct {
		err  error
		want audit.Outcome
	}{{lost, audit.LostAnswer}, {unconf, audit.Unconfirmed}, {refused, audit.Failed}} {
		msg := r.Record(audit.Generate, model.Token{Name: "x"}, "", c.err)().(RecordedMsg)
		if msg.Entry.Outcome != c.want || msg.Err == nil || msg.Entry.Login != "admin" {
			t.Errorf("%v: %+v", c.err, msg)
		}
		if c.want == audit.Failed && !strings.Contains(msg.Entry.Error, "already exists") {
			t.Errorf("error words %q", msg.Entry.Error)
		}
	}
}

// TestRecordAllInOneMessage: RecordAll writes every change in its Cmd, in
// order, and reports them in one message; nothing to write is no Cmd.
func TestRecordAllInOneMessage(t *testing.T) {
	t.Parallel()
	log := &memLog{}
	r := Recorder{Log: log, Actor: "admin", Now: func() time.Time { return now }}
	if r.RecordAll(nil) != nil || (Recorder{}).RecordAll([]common.AuditEntry{{Action: audit.Revoke}}) != nil {
		t.Fatal("a Cmd with nothing to write")
	}
	cmd := r.RecordAll([]common.AuditEntry{{Action: audit.Revoke, Token: model.Token{Login: "ada", Name: "a"}}, {Action: audit.Revoke, Token: model.Token{Login: "bob", Name: "b"}, Err: errors.New("refused")}})
	if len(log.got) != 0 {
		t.Fatal("written outside the Cmd")
	}
	msg, ok := cmd().(RecordedAllMsg)
	if !ok || len(msg.Recorded) != 2 || len(log.got) != 2 || log.got[0].Name != "a" || log.got[1].Name != "b" ||
		log.got[0].Outcome != audit.OK || log.got[1].Outcome != audit.Failed || msg.Recorded[1].Entry.Name != "b" {
		t.Fatalf("%+v, log %+v", msg, log.got)
	}
}
