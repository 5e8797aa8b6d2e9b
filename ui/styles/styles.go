// Package styles holds the console's lipgloss styles, built once by
// DefaultStyles so that View functions never build styles themselves.
package styles

import "github.com/charmbracelet/lipgloss"

// Semantic colours, adaptive to light and dark terminals.
var (
	ColorAccent  = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#9D8CFF"}
	ColorMuted   = lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"}
	ColorDanger  = lipgloss.AdaptiveColor{Light: "#C62828", Dark: "#FF6B6B"}
	ColorWarning = lipgloss.AdaptiveColor{Light: "#B26A00", Dark: "#FFB454"}
	ColorSuccess = lipgloss.AdaptiveColor{Light: "#2E7D32", Dark: "#7BD88F"}
	ColorSelBg   = lipgloss.AdaptiveColor{Light: "#E4DEFF", Dark: "#3B3363"}
	ColorText    = lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#EDEDED"}
)

// Styles is every style the console uses.
type Styles struct {
	App lipgloss.Style

	// Header.
	Title      lipgloss.Style
	HeaderText lipgloss.Style
	HeaderDim  lipgloss.Style
	HeaderWarn lipgloss.Style
	HeaderBad  lipgloss.Style

	// Table.
	TableHeader   lipgloss.Style
	Cell          lipgloss.Style
	SelectedRow   lipgloss.Style
	ExpiredRow    lipgloss.Style
	ExpiredLabel  lipgloss.Style
	ExpiringLabel lipgloss.Style
	Empty         lipgloss.Style
	FilterPrompt  lipgloss.Style
	FilterText    lipgloss.Style

	// Dialogs and forms.
	Dialog       lipgloss.Style
	DangerDialog lipgloss.Style
	DialogTitle  lipgloss.Style
	Label        lipgloss.Style
	FocusedLabel lipgloss.Style
	Value        lipgloss.Style
	Secret       lipgloss.Style
	Hint         lipgloss.Style
	FieldError   lipgloss.Style
	Choice       lipgloss.Style
	ChosenChoice lipgloss.Style
	Button       lipgloss.Style
	ActiveButton lipgloss.Style
	DangerButton lipgloss.Style
	Warning      lipgloss.Style
	Success      lipgloss.Style

	// Status bar.
	StatusInfo  lipgloss.Style
	StatusError lipgloss.Style
	StatusBusy  lipgloss.Style
	Spinner     lipgloss.Style
}

// DefaultStyles returns the console's theme.
func DefaultStyles() Styles {
	s := Styles{}
	s.App = lipgloss.NewStyle().Padding(0, 1)

	s.Title = lipgloss.NewStyle().Bold(true).Foreground(ColorAccent)
	s.HeaderText = lipgloss.NewStyle().Foreground(ColorText)
	s.HeaderDim = lipgloss.NewStyle().Foreground(ColorMuted)
	s.HeaderWarn = lipgloss.NewStyle().Foreground(ColorWarning).Bold(true)
	s.HeaderBad = lipgloss.NewStyle().Foreground(ColorDanger).Bold(true)

	s.TableHeader = lipgloss.NewStyle().Bold(true).Foreground(ColorMuted)
	s.Cell = lipgloss.NewStyle()
	s.SelectedRow = lipgloss.NewStyle().Background(ColorSelBg).Bold(true)
	s.ExpiredRow = lipgloss.NewStyle().Faint(true)
	s.ExpiredLabel = lipgloss.NewStyle().Foreground(ColorDanger)
	s.ExpiringLabel = lipgloss.NewStyle().Foreground(ColorWarning)
	s.Empty = lipgloss.NewStyle().Foreground(ColorMuted).Padding(1, 2)
	s.FilterPrompt = lipgloss.NewStyle().Foreground(ColorAccent).Bold(true)
	s.FilterText = lipgloss.NewStyle()

	s.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(ColorAccent).Padding(1, 2)
	s.DangerDialog = s.Dialog.BorderForeground(ColorDanger)
	s.DialogTitle = lipgloss.NewStyle().Bold(true).Foreground(ColorAccent)
	s.Label = lipgloss.NewStyle().Foreground(ColorMuted)
	s.FocusedLabel = lipgloss.NewStyle().Foreground(ColorAccent).Bold(true)
	s.Value = lipgloss.NewStyle().Foreground(ColorText)
	s.Secret = lipgloss.NewStyle().Bold(true).Foreground(ColorSuccess)
	s.Hint = lipgloss.NewStyle().Foreground(ColorMuted)
	s.FieldError = lipgloss.NewStyle().Foreground(ColorDanger)
	s.Choice = lipgloss.NewStyle().Foreground(ColorMuted)
	s.ChosenChoice = lipgloss.NewStyle().Foreground(ColorAccent).Bold(true)
	s.Button = lipgloss.NewStyle().Foreground(ColorMuted).Padding(0, 1)
	s.ActiveButton = lipgloss.NewStyle().Foreground(ColorText).Background(ColorSelBg).Bold(true).Padding(0, 1)
	s.DangerButton = lipgloss.NewStyle().Foreground(ColorDanger).Bold(true).Padding(0, 1)
	s.Warning = lipgloss.NewStyle().Foreground(ColorWarning).Bold(true)
	s.Success = lipgloss.NewStyle().Foreground(ColorSuccess).Bold(true)

	s.StatusInfo = lipgloss.NewStyle().Foreground(ColorSuccess)
	s.StatusError = lipgloss.NewStyle().Foreground(ColorDanger).Bold(true)
	s.StatusBusy = lipgloss.NewStyle().Foreground(ColorMuted)
	s.Spinner = lipgloss.NewStyle().Foreground(ColorAccent)
	return s
}
