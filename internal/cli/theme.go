package cli

import (
	"fmt"

	"github.com/sonartoken/sonartoken/internal/config"
	"github.com/sonartoken/sonartoken/ui/styles"
)

type themeValue string

func (t *themeValue) String() string { return string(*t) }

func (t *themeValue) Set(s string) error {
	v, err := config.ParseTheme(s)
	if err != nil {
		return err
	}
	*t = themeValue(v)
	return nil
}

func (t *themeValue) Type() string { return "auto|dark|light" }

// palette is the palette for theme raw; auto asks the terminal's background.
func (a *app) palette(raw, source string) (styles.Palette, error) {
	theme, err := config.ParseTheme(raw)
	if err != nil {
		return styles.Palette{}, usageErr(fmt.Errorf("%s: %w", source, err))
	}
	bg := styles.BackgroundUnknown
	if theme == config.ThemeAuto {
		if r := a.io.Background(); r.Known && r.Dark {
			bg = styles.BackgroundDark
		} else if r.Known {
			bg = styles.BackgroundLight
		}
	}
	return styles.Choose(theme, bg, a.io.ColorProfile()), nil
}
