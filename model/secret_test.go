package model

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

const secretValue0 = "squ_0123456789abcdef0123456789abcdef01234567"

func TestSecretRedaction(t *testing.T) {
	s := NewSecret(secretValue0)
	type exported struct {
		Name  string
		Value Secret
	}
	type hidden struct {
		name  string
		value Secret
	}
	type withPtr struct{ V *Secret }
	nt := NewToken{Token: Token{Name: "ci"}, Value: s}
	cases := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%X", "%10s", "%T"} {
		cases["secret "+verb] = fmt.Sprintf(verb, s)
		cases["exported "+verb] = fmt.Sprintf(verb, exported{"ci", s})
		cases["hidden "+verb] = fmt.Sprintf(verb, hidden{"ci", s})
		cases["pointer "+verb] = fmt.Sprintf(verb, withPtr{&s})
		cases["newtoken "+verb] = fmt.Sprintf(verb, nt)
		cases["&newtoken "+verb] = fmt.Sprintf(verb, &nt)
	}
	cases["error wrap"] = fmt.Errorf("failed with %v", s).Error()
	cases["println"] = fmt.Sprintln(s, exported{"ci", s})
	for _, v := range []any{s, exported{"ci", s}, nt, &nt, map[string]Secret{"k": s}, []Secret{s}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal(%T): %v", v, err)
		}
		cases[fmt.Sprintf("json %T", v)] = string(b)
	}
	var sb strings.Builder
	slog.New(slog.NewTextHandler(&sb, nil)).Info("x", "token", s, "nt", nt)
	slog.New(slog.NewJSONHandler(&sb, nil)).Info("x", "token", s, "nt", nt)
	cases["slog"] = sb.String()

	for name, out := range cases {
		if strings.Contains(out, secretValue0) || strings.Contains(out, "0123456789abcdef") || strings.Contains(out, fmt.Sprintf("%x", secretValue0)[:16]) {
			t.Errorf("%s leaked the value: %s", name, out)
		}
	}
	for _, name := range []string{"secret %v", "secret %+v", "secret %#v", "secret %s", "secret %d"} {
		if cases[name] != "[redacted]" {
			t.Errorf("%s = %q, want [redacted]", name, cases[name])
		}
	}
	if cases["secret %q"] != `"[redacted]"` {
		t.Errorf("%%q = %s", cases["secret %q"])
	}
	if got := cases["json model.NewToken"]; !strings.Contains(got, `"Value":"[redacted]"`) {
		t.Errorf("json of NewToken = %s", got)
	}
}

func TestSecretReveal(t *testing.T) {
	s := NewSecret(secretValue0)
	if s.Reveal() != secretValue0 || s.IsZero() {
		t.Error("Reveal lost the value")
	}
	if !s.Equal(NewSecret(secretValue0)) || s.Equal(NewSecret("other")) {
		t.Error("Equal")
	}
	var zero Secret
	if !zero.IsZero() || zero.Reveal() != "" || !NewSecret("").IsZero() || !zero.Equal(NewSecret("")) {
		t.Error("zero secret")
	}
	if zero.String() != "[redacted]" {
		t.Error("zero String")
	}
}
