package sonarsim

import (
	"fmt"
	"net/http"
)

// editionLabel is SonarEdition.getLabel: the "Edition" of api/system/info.
func editionLabel(e string) string {
	switch e {
	case EditionCommunity:
		return "Community"
	case EditionDeveloper:
		return "Developer"
	case EditionDataCenter:
		return "Data Center"
	default:
		return "Enterprise"
	}
}

// systemSection is the part of api/system/info clients read for version and edition.
type systemSection struct {
	ServerID             string `json:"Server ID"`
	Version              string `json:"Version"`
	Edition              string `json:"Edition"`
	Container            bool   `json:"Container"`
	HighAvailability     bool   `json:"High Availability"`
	OfficialDistribution bool   `json:"Official Distribution"`
	ForceAuthentication  bool   `json:"Force authentication"`
}

type systemInfo struct {
	Health       string        `json:"Health"`
	HealthCauses []string      `json:"Health Causes"`
	System       systemSection `json:"System"`
}

// handleSystemInfo answers system administrators only, as InfoAction.
func (s *Server) handleSystemInfo(c call) {
	if !c.sess.isAdmin() {
		writeError(c.w, errForbidden)
		return
	}
	writeJSON(c.w, http.StatusOK, systemInfo{
		Health:       "GREEN",
		HealthCauses: []string{},
		System: systemSection{
			ServerID:             s.serverID(),
			Version:              s.prof.full,
			Edition:              editionLabel(s.opts.Edition),
			HighAvailability:     s.opts.Edition == EditionDataCenter,
			OfficialDistribution: true,
			ForceAuthentication:  !s.opts.AllowAnonymous,
		},
	})
}

// serverID is a stable ID in SonarQube's shape, from the seed.
func (s *Server) serverID() string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	x := uint64(s.opts.Seed)*0x9E3779B97F4A7C15 + 0x5EED
	tail := make([]byte, 20)
	for i := range tail {
		x ^= x >> 29
		x *= 0xBF58476D1CE4E5B9
		tail[i] = digits[x%uint64(len(digits))]
	}
	return fmt.Sprintf("%08X-%s", uint32(x>>32), tail)
}
