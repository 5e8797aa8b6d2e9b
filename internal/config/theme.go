package config

import (
	"errors"
	"fmt"
	"strings"
)

// The console's themes (--theme, SONARTOKEN_THEME, theme in the
// configuration file): auto follows the terminal's background, dark and
// light choose.
const (
	ThemeAuto  = "auto"
	ThemeDark  = "dark"
	ThemeLight = "light"
)

// ErrBadTheme is a theme that is none of auto, dark and light; commands
// report it as a usage error.
var ErrBadTheme = errors.New("use auto, dark or light")

// ParseTheme returns the theme s names, in any case and with spaces
// around; "" is auto.
func ParseTheme(s string) (string, error) {
	switch t := strings.ToLower(strings.TrimSpace(s)); t {
	case "":
		return ThemeAuto, nil
	case ThemeAuto, ThemeDark, ThemeLight:
		return t, nil
	}
	return "", fmt.Errorf("theme %q: %w", s, ErrBadTheme)
}

// fileThemeLayer is the configuration file's own theme, after the
// profile's.
func fileThemeLayer(f File, path string) layer {
	return layer{theme: f.Theme, themeSource: "theme in " + path}
}

// LoadTheme resolves the theme alone, for a console that uses no profile
// (the built-in server's): --theme, SONARTOKEN_THEME, then the
// configuration file's theme. It reads no token. The file's error is
// returned with the theme of the other layers.
func LoadTheme(src Sources) (theme, source string, err error) {
	layers := []layer{{theme: src.Flags.Theme, themeSource: "--theme"}}
	if src.Getenv != nil {
		layers = append(layers, layer{theme: src.Getenv(EnvTheme), themeSource: EnvTheme})
	}
	if src.ConfigPath != "" {
		f, ferr := ReadFileOrEmpty(src.ConfigPath)
		err = ferr
		layers = append(layers, fileThemeLayer(f, src.ConfigPath))
	}
	for _, l := range layers {
		if strings.TrimSpace(l.theme) != "" {
			return l.theme, l.themeSource, err
		}
	}
	return "", "", err
}
