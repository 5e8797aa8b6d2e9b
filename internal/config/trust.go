package config

// Trusts reports whether a token may go to url when only a
// sonar-project.properties names it: url is a profile's server or one of
// TrustedURLs (compared without a trailing slash).
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

// Trust adds url to TrustedURLs unless the file trusts it already.
func (f *File) Trust(url string) {
	if !f.Trusts(url) {
		f.TrustedURLs = append(f.TrustedURLs, url)
	}
}

// TrustURL remembers in the configuration file at path that a token may
// go to url although only a sonar-project.properties names it, changing
// nothing else in the file (UpdateFile).
func TrustURL(path, url string) error {
	return UpdateFile(path, func(f *File) { f.Trust(url) })
}
