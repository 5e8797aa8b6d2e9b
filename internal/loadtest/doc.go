// Package loadtest holds only a test: 50 clients against one sonarsim, which must
// end holding exactly what they were told.
package loadtest
