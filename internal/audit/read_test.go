package audit

// readLog returns the entries of the log at path, oldest first, and the
// number of lines skipped (see Scan), holding the whole log in memory.
func readLog(path string) ([]Entry, int, error) {
	var out []Entry
	skipped, err := Scan(path, func(e Entry) error {
		out = append(out, e)
		return nil
	})
	return out, skipped.Total(), err
}
