package client

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/sonartoken/sonartoken/model"
)

// MaxPageSize is the largest page api/users/search and the v2 users API give.
const MaxPageSize = 500

// UsersQuery selects a page of users.
type UsersQuery struct {
	Query    string // at least 2 characters, or empty
	Page     int    // 1-based (1 when zero)
	PageSize int    // 1..500 (50 when zero)
}

// UsersPage is one page of users and the total across pages.
type UsersPage struct {
	Users     []model.User
	PageIndex int
	PageSize  int
	Total     int
	// API is the endpoint that answered; UsersAPIV2 has no TokensCount.
	API UsersAPI
}

func (q UsersQuery) norm() UsersQuery {
	if q.Page <= 0 {
		q.Page = 1
	}
	if q.PageSize <= 0 {
		q.PageSize = 50
	}
	q.PageSize = min(q.PageSize, MaxPageSize)
	return q
}

// UsersAPI names the endpoint that lists users.
type UsersAPI int

const (
	// UsersAPIUnknown is the zero value: no page of users has arrived yet.
	UsersAPIUnknown UsersAPI = iota
	// UsersAPISearch is api/users/search, which reports tokensCount to administrators.
	UsersAPISearch
	// UsersAPIV2 is api/v2/users-management/users (10.4+): no tokensCount.
	UsersAPIV2
)

// String returns the endpoint's path, or "unknown".
func (a UsersAPI) String() string {
	switch a {
	case UsersAPISearch:
		return "api/users/search"
	case UsersAPIV2:
		return "api/v2/users-management/users"
	}
	return "unknown"
}

// UsersAPI returns the endpoint SearchUsers asks first.
func (c *Client) UsersAPI() UsersAPI {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.usersV2 {
		return UsersAPIV2
	}
	return UsersAPISearch
}

// SearchUsers asks one page of users from the deprecated api/users/search, the one
// with tokensCount, or from API v2 for the session once it answers 404 or 410.
func (c *Client) SearchUsers(ctx context.Context, q UsersQuery) (UsersPage, error) {
	if c.UsersAPI() == UsersAPIV2 {
		return c.SearchUsersV2(ctx, q)
	}
	page, err := c.SearchUsersLegacy(ctx, q)
	if err == nil || !c.legacyUsersGone(err) {
		return page, err
	}
	c.mu.Lock()
	switched := !c.usersV2
	c.usersV2 = true
	c.mu.Unlock()
	if switched {
		c.log.Debug("api/users/search is gone: listing users with API v2 from now on", "err", err)
	}
	return c.SearchUsersV2(ctx, q)
}

// legacyUsersGone reports whether err says api/users/search is gone and API v2 can replace it.
func (c *Client) legacyUsersGone(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) || (ae.Status != http.StatusNotFound && ae.Status != http.StatusGone) {
		return false
	}
	return c.Capabilities().UsersV2
}

// SearchUsersLegacy asks one page of api/users/search, without falling back to API v2.
func (c *Client) SearchUsersLegacy(ctx context.Context, q UsersQuery) (UsersPage, error) {
	q = q.norm()
	params := url.Values{"p": {strconv.Itoa(q.Page)}, "ps": {strconv.Itoa(q.PageSize)}}
	if q.Query != "" {
		params.Set("q", q.Query)
	}
	cl := call{method: http.MethodGet, endpoint: "api/users/search", params: params}
	r, err := c.do(ctx, cl)
	if err != nil {
		return UsersPage{}, err
	}
	var body struct {
		Paging *struct {
			PageIndex int `json:"pageIndex"`
			PageSize  int `json:"pageSize"`
			Total     int `json:"total"`
		} `json:"paging"`
		Users []struct {
			Login              string `json:"login"`
			Name               string `json:"name"`
			Email              string `json:"email"`
			Active             *bool  `json:"active"`
			TokensCount        *int   `json:"tokensCount"`
			LastConnectionDate string `json:"lastConnectionDate"`
			// The IDE's connections, on newer servers.
			SonarLintLastConnectionDate string `json:"sonarLintLastConnectionDate"`
		} `json:"users"`
	}
	if err := decode(cl, r, &body); err != nil {
		return UsersPage{}, err
	}
	if body.Paging == nil {
		return UsersPage{}, &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: "JSON without paging"}
	}
	page := UsersPage{PageIndex: body.Paging.PageIndex, PageSize: body.Paging.PageSize, Total: body.Paging.Total, API: UsersAPISearch}
	page.Users = make([]model.User, 0, len(body.Users))
	for _, u := range body.Users {
		user := model.User{Login: u.Login, Name: u.Name, Email: u.Email, Active: u.Active == nil || *u.Active, TokensCount: u.TokensCount}
		if err := c.dateUser(cl, r, &user, u.LastConnectionDate, u.SonarLintLastConnectionDate); err != nil {
			return UsersPage{}, err
		}
		page.Users = append(page.Users, user)
	}
	return page, nil
}

// SearchUsersV2 asks one page of api/v2/users-management/users (10.4+).
func (c *Client) SearchUsersV2(ctx context.Context, q UsersQuery) (UsersPage, error) {
	q = q.norm()
	params := url.Values{"pageIndex": {strconv.Itoa(q.Page)}, "pageSize": {strconv.Itoa(q.PageSize)}, "active": {"true"}}
	if q.Query != "" {
		params.Set("q", q.Query)
	}
	cl := call{method: http.MethodGet, endpoint: "api/v2/users-management/users", params: params}
	r, err := c.do(ctx, cl)
	if err != nil {
		return UsersPage{}, err
	}
	var body struct {
		Page *struct {
			PageIndex int `json:"pageIndex"`
			PageSize  int `json:"pageSize"`
			Total     int `json:"total"`
		} `json:"page"`
		Users []struct {
			Login                       string `json:"login"`
			Name                        string `json:"name"`
			Email                       string `json:"email"`
			Active                      *bool  `json:"active"`
			SonarQubeLastConnectionDate string `json:"sonarQubeLastConnectionDate"` // absent or null when never
			SonarLintLastConnectionDate string `json:"sonarLintLastConnectionDate"`
		} `json:"users"`
	}
	if err := decode(cl, r, &body); err != nil {
		return UsersPage{}, err
	}
	if body.Page == nil {
		return UsersPage{}, &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: "JSON without page"}
	}
	page := UsersPage{PageIndex: body.Page.PageIndex, PageSize: body.Page.PageSize, Total: body.Page.Total, API: UsersAPIV2}
	page.Users = make([]model.User, 0, len(body.Users))
	for _, u := range body.Users {
		user := model.User{Login: u.Login, Name: u.Name, Email: u.Email, Active: u.Active == nil || *u.Active}
		if err := c.dateUser(cl, r, &user, u.SonarQubeLastConnectionDate, u.SonarLintLastConnectionDate); err != nil {
			return UsersPage{}, err
		}
		page.Users = append(page.Users, user)
	}
	return page, nil
}

// dateUser sets u's connection dates ("" when absent or null).
func (c *Client) dateUser(cl call, r *response, u *model.User, last, lint string) error {
	var err error
	if u.LastConnection, err = optTime(last); err == nil {
		u.SonarLintLastConnection, err = optTime(lint)
	}
	if err != nil {
		return c.badDate(cl, r, err)
	}
	return nil
}

// AllUsers iterates over every active user page by page, ending whatever the server answers.
func (c *Client) AllUsers(ctx context.Context, pageSize int) iter.Seq2[model.User, error] {
	if pageSize <= 0 || pageSize > MaxPageSize {
		pageSize = MaxPageSize
	}
	return func(yield func(model.User, error) bool) {
		listing := newUserListing(pageSize)
		last, endless, total := 1, false, 0
		for p := 1; ; p++ {
			page, err := c.SearchUsers(ctx, UsersQuery{Page: p, PageSize: pageSize})
			if err != nil {
				yield(model.User{}, err)
				return
			}
			fresh, err := listing.take(p, page)
			if err != nil {
				yield(model.User{}, err)
				return
			}
			for _, u := range fresh {
				if !yield(u, nil) {
					return
				}
			}
			if p == 1 {
				total = page.Total
				last, endless = listing.lastPage(total, len(page.Users))
			}
			if len(page.Users) == 0 || p >= last {
				if endless && len(page.Users) > 0 {
					yield(model.User{}, listing.endless(page.API, p, total))
				}
				return
			}
		}
	}
}
