//go:build race

package cli

// raceEnabled: the race detector multiplies memory use, which memory
// bounds cannot be checked against.
const raceEnabled = true
