package client

import (
	"context"
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

// SearchUsers asks one page of api/users/search, which reports each user's
// tokensCount to administrators.
func (c *Client) SearchUsers(ctx context.Context, q UsersQuery) (UsersPage, error) {
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
		} `json:"users"`
	}
	if err := decode(cl, r, &body); err != nil {
		return UsersPage{}, err
	}
	if body.Paging == nil {
		return UsersPage{}, &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: "JSON without paging"}
	}
	page := UsersPage{PageIndex: body.Paging.PageIndex, PageSize: body.Paging.PageSize, Total: body.Paging.Total}
	page.Users = make([]model.User, 0, len(body.Users))
	for _, u := range body.Users {
		last, err := optTime(u.LastConnectionDate)
		if err != nil {
			return UsersPage{}, &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: "a date in an unknown format", Err: err}
		}
		page.Users = append(page.Users, model.User{
			Login: u.Login, Name: u.Name, Email: u.Email,
			Active:      u.Active == nil || *u.Active,
			TokensCount: u.TokensCount, LastConnection: last,
		})
	}
	return page, nil
}

// SearchUsersV2 asks one page of api/v2/users-management/users (10.4+),
// which has no tokensCount. Only active users are listed.
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
			Login  string `json:"login"`
			Name   string `json:"name"`
			Email  string `json:"email"`
			Active *bool  `json:"active"`
		} `json:"users"`
	}
	if err := decode(cl, r, &body); err != nil {
		return UsersPage{}, err
	}
	if body.Page == nil {
		return UsersPage{}, &NotSonarQubeError{Method: cl.method, Endpoint: cl.endpoint, Status: r.status, Reason: "JSON without page"}
	}
	page := UsersPage{PageIndex: body.Page.PageIndex, PageSize: body.Page.PageSize, Total: body.Page.Total}
	for _, u := range body.Users {
		page.Users = append(page.Users, model.User{Login: u.Login, Name: u.Name, Email: u.Email, Active: u.Active == nil || *u.Active})
	}
	return page, nil
}

// AllUsers iterates over every user of api/users/search, page after page
// at the given size (MaxPageSize when zero or larger), stopping at the
// first error, which it yields.
func (c *Client) AllUsers(ctx context.Context, pageSize int) iter.Seq2[model.User, error] {
	if pageSize <= 0 || pageSize > MaxPageSize {
		pageSize = MaxPageSize
	}
	return func(yield func(model.User, error) bool) {
		for p := 1; ; p++ {
			page, err := c.SearchUsers(ctx, UsersQuery{Page: p, PageSize: pageSize})
			if err != nil {
				yield(model.User{}, err)
				return
			}
			for _, u := range page.Users {
				if !yield(u, nil) {
					return
				}
			}
			if len(page.Users) == 0 || p*pageSize >= page.Total {
				return
			}
		}
	}
}
