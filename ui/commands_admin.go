package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/ui/picker"
)

// searchUsersCmd asks one page of users for the picker.
func searchUsersCmd(ctx context.Context, svc Service, q string) tea.Cmd {
	return func() tea.Msg {
		page, err := svc.SearchUsers(ctx, client.UsersQuery{Query: q, PageSize: picker.PageSize})
		return picker.UsersMsg{Query: q, Page: page, Err: err}
	}
}
