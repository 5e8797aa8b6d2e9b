package config

// Trusts reports whether url is a profile's server or trusted.
func (f File) Trusts(url string) bool {
	want, _, err := normalizeURL(url)
	if err != nil {
		return false
	}
	same := func(u string) bool {
		n, _, err := normalizeURL(u)
		return err == nil && n == want
	}
	for _, p := range f.Profiles {
		if p.URL != "" && same(p.URL) {
			return true
		}
	}
	for _, u := range f.TrustedURLs {
		if same(u) {
			return true
		}
	}
	return false
}

// TrustURL remembers url in hosts.toml unless already trusted.
func TrustURL(path, url string) error {
	return update(path, func(user File, own *File) error {
		all, err := merge(user, *own, path)
		if err == nil && !all.Trusts(url) {
			own.TrustedURLs = append(own.TrustedURLs, url)
		}
		return err
	})
}
