// Package scanfloor computes the shortest time a review scan can take at a
// fixed latency, for the benchmarks; it is not the client's API.
package scanfloor

import "time"

// Of is latency × (1 + ⌈(pages − 1 + searches) / concurrency⌉): page 1
// alone gives the total, the rest spread over the slots.
func Of(pages, searches, concurrency int, latency time.Duration) time.Duration {
	concurrency = max(1, concurrency)
	rest := max(0, pages-1) + searches
	return time.Duration(1+(rest+concurrency-1)/concurrency) * latency
}

// Users is Of for a server of users active users, usersWithTokens of them
// with tokens (one search each), listed pageSize at a time (at least one
// page). A pageSize below 1 counts as 1.
func Users(users, usersWithTokens, pageSize, concurrency int, latency time.Duration) time.Duration {
	pageSize = max(1, pageSize)
	pages := max(1, (users+pageSize-1)/pageSize)
	return Of(pages, usersWithTokens, concurrency, latency)
}
