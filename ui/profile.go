package ui

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sonartoken/sonartoken/model"
	"github.com/sonartoken/sonartoken/ui/common"
)

// SwitchProfileMsg asks Boot to replace the console by one on Profile's
// server, with its token, once connected.
type SwitchProfileMsg struct{ Profile string }

// nextProfile is the profile after the session's in Profiles, in a
// cycle; false with fewer than two.
func nextProfile(cur string, all []string) (string, bool) {
	if len(all) < 2 {
		return "", false
	}
	for i, p := range all {
		if p == cur {
			return all[(i+1)%len(all)], true
		}
	}
	return all[0], true
}

// switchProfile asks to switch to the next profile, or says why not.
func (m Model) switchProfile() (Model, tea.Cmd) {
	next, ok := nextProfile(m.opts.Profile, m.opts.Profiles)
	if !ok {
		return m, nil
	}
	m.status.SetInfo("Switching to profile " + model.Printable(next) + "…")
	return m, func() tea.Msg { return SwitchProfileMsg{Profile: next} }
}

// profileSwitchedMsg reports a switch's connection.
type profileSwitchedMsg struct {
	connectedMsg
	profile string
	banners []string
}

// switchCmd connects the profile's server and makes its first load.
func switchCmd(ctx context.Context, open func(context.Context, string) (BootService, []string, error), profile string, f firstLoad, attempt int) tea.Cmd {
	return func() tea.Msg {
		out := profileSwitchedMsg{profile: profile}
		out.attempt = attempt
		svc, banners, err := open(ctx, profile)
		if err != nil {
			out.err = fmt.Errorf("profile %s: %w", profile, err)
			return out
		}
		out.svc, out.banners = svc, banners
		out.own = model.TypeUnknown
		if out.first, err = f.connect(ctx, svc); err != nil {
			out.err = fmt.Errorf("profile %s (%s): %w", profile, svc.BaseURL(), err)
		}
		return out
	}
}

// switched replaces the console, or says why the switch failed.
func (b Boot) switched(msg profileSwitchedMsg) (Boot, tea.Cmd) {
	if msg.attempt != b.attempt || b.main == nil {
		return b, nil
	}
	if msg.err != nil {
		var cmd tea.Cmd
		*b.main, cmd = b.main.update(common.ErrorMsg{Action: "switch profiles", Err: msg.err})
		return b, cmd
	}
	old := *b.main
	old.review.StopScan()
	old.dropSecret()
	b.prev = &old
	b.opts.Profile, b.opts.Options.Profile = msg.profile, msg.profile
	b.opts.Banners = msg.banners
	b.opts.ServerFile, b.opts.ProjectKey, b.opts.PropertiesProject = "", "", ""
	b.opts.Review = false
	b.opts.Login = ""
	b.main = nil
	msg.note = fmt.Sprintf("Profile %s: %s (p switches again).", model.Printable(msg.profile), msg.svc.BaseURL())
	msg.fromForm = true // no sonar-project.properties names this server
	nb, cmd := b.connected(msg.connectedMsg)
	if nb.main != nil {
		nb.main.clip.seq = old.clip.seq
	}
	return nb, cmd
}

// sessionMsg is a message of the console's session gen.
type sessionMsg struct {
	gen int
	msg tea.Msg
}

// switchable reports whether p can switch profiles.
func (b Boot) switchable() bool { return b.opts.OpenProfile != nil && len(b.opts.Profiles) >= 2 }

// tagCmd numbers cmd's messages with the session gen (0: none), so that
// an old session's are not taken for the new one's; Bubble Tea's own pass.
func tagCmd(gen int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil || gen == 0 {
		return cmd
	}
	return func() tea.Msg {
		msg := cmd()
		switch m := msg.(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(m))
			for i, c := range m {
				out[i] = tagCmd(gen, c)
			}
			return out
		}
		if strings.HasPrefix(reflect.TypeOf(msg).PkgPath(), "github.com/charmbracelet/bubbletea") {
			return msg
		}
		return sessionMsg{gen: gen, msg: msg}
	}
}

// stale handles an old session's message: only its clipboard clearing.
func (b Boot) stale(msg sessionMsg) (Boot, tea.Cmd) {
	switch msg.msg.(type) {
	case clipClearDueMsg, clipClearedMsg:
		if b.prev == nil {
			return b, nil
		}
		var cmd tea.Cmd
		*b.prev, cmd = b.prev.update(msg.msg)
		return b, tagCmd(msg.gen, cmd)
	}
	return b, nil
}
