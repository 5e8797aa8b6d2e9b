package config

import (
	"errors"
	"fmt"
	"strings"
)

// The console's themes: auto follows the terminal's background.
const (
	ThemeAuto  = "auto"
	ThemeDark  = "dark"
	ThemeLight = "light"
)

// ErrBadTheme is a usage error.
var ErrBadTheme = errors.New("use auto, dark or light")

// ParseTheme reads a theme in any case; "" is auto.
func ParseTheme(s string) (string, error) {
	switch t := strings.ToLower(strings.TrimSpace(s)); t {
	case "":
		return ThemeAuto, nil
	case ThemeAuto, ThemeDark, ThemeLight:
		return t, nil
	}
	return "", fmt.Errorf("theme %q: %w", s, ErrBadTheme)
}

// fileThemeLayer is the file's own theme, after the profile's.
func fileThemeLayer(f File, path string) layer {
	return layer{theme: f.Theme, themeSource: "theme in " + path}
}

// LoadTheme resolves the theme alone, reading no token, for the built-in
// server's console; a file error comes with the other layers' theme.
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
