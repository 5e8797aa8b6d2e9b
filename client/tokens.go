package client

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unique"

	"github.com/sonartoken/sonartoken/model"
)

// ErrUnsupported refuses, before sending, what the server version would ignore or misread.
var ErrUnsupported = errors.New("not supported by this server version")

type tokenJSON struct {
	Login              string `json:"login"`
	Name               string `json:"name"`
	Token              string `json:"token"`
	CreatedAt          string `json:"createdAt"`
	LastConnectionDate string `json:"lastConnectionDate"`
	Type               string `json:"type"`
	ProjectKey         string `json:"projectKey"`
	Project            *struct {
		Key  string `json:"key"`
		Name string `json:"name"`
	} `json:"project"`
	ExpirationDate string `json:"expirationDate"`
	IsExpired      *bool  `json:"isExpired"`
}

func (c *Client) toToken(login string, j tokenJSON) (model.Token, error) {
	t := model.Token{Login: login, Name: j.Name, Type: internType(j.Type), ProjectKey: intern(j.ProjectKey)}
	if j.Login != "" {
		t.Login = j.Login
	}
	if j.Project != nil {
		t.ProjectKey, t.ProjectName = intern(j.Project.Key), intern(j.Project.Name)
	}
	var err error
	if j.CreatedAt != "" {
		if t.CreatedAt, err = ParseTime(j.CreatedAt); err != nil {
			return t, err
		}
	}
	if t.LastUsed, err = optTime(j.LastConnectionDate); err != nil {
		return t, err
	}
	if t.ExpiresAt, err = optTime(j.ExpirationDate); err != nil {
		return t, err
	}
	if j.IsExpired != nil {
		t.Expired = *j.IsExpired
	} else if t.ExpiresAt != nil {
		t.Expired = t.ExpiresAt.Before(c.now()) // the server's expirationDate < now
	}
	keepRaw(&t, j)
	return t, nil
}

// keepRaw keeps the server's date text only when TimeLayout would not give it back.
func keepRaw(t *model.Token, j tokenJSON) {
	same := func(s string, at *time.Time) bool { return s == "" || at != nil && at.Format(TimeLayout) == s }
	if same(j.CreatedAt, &t.CreatedAt) && same(j.LastConnectionDate, t.LastUsed) && same(j.ExpirationDate, t.ExpiresAt) {
		return
	}
	t.Raw = &model.RawDates{CreatedAt: j.CreatedAt, LastUsed: j.LastConnectionDate, ExpiresAt: j.ExpirationDate}
}

// internType shares the three type strings among a review's tokens.
func internType(s string) model.TokenType {
	for _, t := range model.TokenTypes {
		if string(t) == s {
			return t
		}
	}
	return model.TokenType(s)
}

// intern shares repeated project strings; unique drops them once no token
// holds them, so endless distinct names cost nothing extra.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// SearchTokens lists a user's tokens ("" is the signed-in user). An answer for
// another login or with a duplicate name is a *WrongAnswerError (Cloud and some
// proxies ignore login), so nobody's tokens are listed or revoked as another's.
func (c *Client) SearchTokens(ctx context.Context, login string) ([]model.Token, error) {
	sent, err := c.cloudLogin(login)
	if err != nil {
		return nil, err
	}
	params := url.Values{}
	if sent != "" {
		params.Set("login", sent)
	}
	// Decoded as it arrives, so 20,000 tokens never sit in memory twice.
	var out []model.Token
	var owner string
	var bad error // a token the client cannot read (a date in an unknown format)
	cl := call{method: http.MethodGet, endpoint: "api/user_tokens/search", params: params}
	cl.stream = func(r io.Reader, charge func(int64) error) error {
		out, owner, bad = out[:0], "", nil
		return decodeTokenSearch(r, func(key string, dec *json.Decoder) error {
			switch key {
			case "login":
				return dec.Decode(&owner)
			case "userTokens":
				return decodeArray(dec, func() error {
					var j tokenJSON
					if err := dec.Decode(&j); err != nil {
						return err
					}
					t, err := c.toToken("", j)
					if err != nil && bad == nil {
						bad = err
					}
					out = append(out, t)
					return charge(keptBytes(t))
				})
			}
			var skip json.RawMessage
			return dec.Decode(&skip)
		})
	}
	r, err := c.do(ctx, cl)
	if err != nil {
		return nil, err
	}
	if bad != nil {
		return nil, c.badDate(cl, r, bad)
	}
	if err := c.checkOwner(cl, login, owner, out); err != nil {
		return nil, err
	}
	if owner == "" {
		owner = login
	}
	for i := range out {
		if out[i].Login == "" {
			out[i].Login = owner
		}
	}
	return slices.Clip(out), nil
}

// checkOwner refuses an answer for another login than asked, or with a name listed twice.
func (c *Client) checkOwner(cl call, login, owner string, tokens []model.Token) error {
	asked := strings.TrimSpace(login) // as the server trims it
	if asked == "" {
		asked = c.signedIn()
	}
	wrong := func(answered string) error {
		return &WrongAnswerError{Endpoint: cl.endpoint, Asked: asked, Self: login == "", Answered: answered}
	}
	if asked != "" && owner != "" && owner != asked {
		return wrong(owner)
	}
	ref := cmp.Or(owner, asked)
	names := make(map[string]struct{}, len(tokens))
	for _, t := range tokens {
		if t.Login != "" && ref != "" && t.Login != ref {
			return wrong(t.Login)
		}
		if _, dup := names[t.Name]; dup {
			return &WrongAnswerError{Endpoint: cl.endpoint, Asked: asked, Self: login == "", Twice: t.Name}
		}
		names[t.Name] = struct{}{}
	}
	return nil
}

// CheckOwnTokens checks a SearchTokens(ctx, "") answer read before the client knew me.
func CheckOwnTokens(me string, tokens []model.Token) error {
	for _, t := range tokens {
		if me != "" && t.Login != "" && t.Login != me {
			return &WrongAnswerError{Endpoint: "api/user_tokens/search", Asked: me, Self: true, Answered: t.Login}
		}
	}
	return nil
}

// WrongAnswerError is an answer not for what was asked (another user's
// tokens, or a name listed twice); nothing of it was used.
type WrongAnswerError struct {
	Endpoint string
	Asked    string // the login asked ("" when the signed-in user is not known)
	Self     bool   // the signed-in user's tokens were asked (no login parameter)
	Answered string // the login the answer is for, when it is another
	Twice    string // the name listed twice, when that is the fault
}

// Error quotes the server's logins and name: they are its text.
func (e *WrongAnswerError) Error() string {
	whose := "the tokens of " + model.Quote(e.Asked)
	if e.Self {
		whose = "your own tokens"
		if e.Asked != "" {
			whose += " (" + model.Quote(e.Asked) + ")"
		}
	}
	if e.Twice != "" {
		return fmt.Sprintf("The server's answer to %s for %s lists the token %s twice, which SonarQube never does: the answer was refused, and none of its tokens is listed or revoked. Check that the URL is SonarQube's, without a proxy that rewrites answers.", e.Endpoint, whose, model.Quote(e.Twice))
	}
	return fmt.Sprintf("The server answered %s for %s with the tokens of %s: the answer was refused, and none of its tokens is listed or revoked as another user's. SonarQube Cloud lists only your own tokens; otherwise a proxy may drop the login parameter.", e.Endpoint, whose, model.Quote(e.Answered))
}

// Is matches ErrNotSonarQube: SonarQube Server answers for the login asked.
func (e *WrongAnswerError) Is(target error) bool { return target == ErrNotSonarQube }

// keptBytes estimates a decoded token's memory.
func keptBytes(t model.Token) int64 {
	return 200 + int64(len(t.Login)+len(t.Name)+len(t.ProjectKey)+len(t.ProjectName))
}

// decodeTokenSearch hands each key of the one JSON object in r to field.
func decodeTokenSearch(r io.Reader, field func(key string, dec *json.Decoder) error) error {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil { // null: no tokens, as json.Unmarshal reads it
		return expectEnd(dec)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("an object expected, %v found", tok)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, ok := tok.(string)
		if !ok {
			return fmt.Errorf("a key that is not a string: %v", tok)
		}
		if err := field(key, dec); err != nil {
			return err
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return err
	}
	return expectEnd(dec)
}

func expectEnd(dec *json.Decoder) error {
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the answer")
	}
	return nil
}

// decodeArray reads a JSON array (or null), calling elem for each element.
func decodeArray(dec *json.Decoder, elem func() error) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("an array expected, %v found", tok)
	}
	for dec.More() {
		if err := elem(); err != nil {
			return err
		}
	}
	return expectDelim(dec, ']')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("%v expected, %v found", want, tok)
	}
	return nil
}

// GenerateRequest describes a token to generate.
type GenerateRequest struct {
	Login      string          // "" for the signed-in user
	Name       string          // required, at most 100 characters
	Type       model.TokenType // TypeUnknown lets the server choose (a user token)
	ProjectKey string          // for project analysis tokens
	ExpiresOn  time.Time       // the expiry date (its UTC date is sent); zero for none
}

// Generate creates a token and returns its value, shown this once; what the
// server cannot honour fails with ErrUnsupported before any request.
func (c *Client) Generate(ctx context.Context, req GenerateRequest) (model.NewToken, error) {
	caps := c.Capabilities()
	login, err := c.cloudLogin(req.Login)
	if err != nil {
		return model.NewToken{}, err
	}
	if c.cloud {
		if err := cloudGenerate(req); err != nil {
			return model.NewToken{}, err
		}
	}
	params := url.Values{}
	params.Set("name", req.Name)
	if login != "" {
		params.Set("login", login)
	}
	if req.Type != model.TypeUnknown && !caps.Cloud {
		if !caps.TokenTypes && req.Type != model.TypeUser {
			return model.NewToken{}, fmt.Errorf("generate a %s on SonarQube %s: %w (token types came in 9.5)", req.Type.Label(), c.Version().Short(), ErrUnsupported)
		}
		if caps.TokenTypes {
			params.Set("type", string(req.Type))
			if req.Type == model.TypeProject {
				params.Set("projectKey", req.ProjectKey)
			}
		}
	}
	if !req.ExpiresOn.IsZero() {
		if !caps.Expiration {
			return model.NewToken{}, fmt.Errorf("set an expiry date on SonarQube %s: %w (expiration came in 9.6)", c.Version().Short(), ErrUnsupported)
		}
		params.Set("expirationDate", req.ExpiresOn.UTC().Format(time.DateOnly))
	}
	cl := call{method: http.MethodPost, endpoint: "api/user_tokens/generate", params: params}
	r, err := c.do(ctx, cl)
	if err != nil {
		return model.NewToken{}, err
	}
	var body tokenJSON
	if err := decode(cl, r, &body); err != nil {
		return model.NewToken{}, err
	}
	if body.Token == "" {
		return model.NewToken{}, &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: "an answer without the token"}
	}
	t, err := c.toToken(req.Login, body)
	if err != nil {
		// A date that echoes the new token loses it too.
		return model.NewToken{}, c.badDateWithout(newScrubber(c.token.Reveal(), body.Token), cl, r, err)
	}
	return model.NewToken{Token: t, Value: model.NewSecret(body.Token)}, nil
}

// Revoke revokes a token by name (success even for an unknown name); on Cloud
// login must be the caller's own, as Cloud would revoke the caller's token.
func (c *Client) Revoke(ctx context.Context, login, name string) error {
	sent, err := c.cloudLogin(login)
	if err != nil {
		return err
	}
	params := url.Values{}
	params.Set("name", name)
	if sent != "" {
		params.Set("login", sent)
	}
	_, err = c.do(ctx, call{method: http.MethodPost, endpoint: "api/user_tokens/revoke", params: params})
	return err
}
