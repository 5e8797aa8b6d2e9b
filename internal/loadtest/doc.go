// Package loadtest has only a test: 50 clients against one sonarsim, which must end as told.
package loadtest
