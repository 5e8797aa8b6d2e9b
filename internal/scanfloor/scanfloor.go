// Package scanfloor is the arithmetic of the review scan's floor: the
// shortest time any scan of every user's tokens can take against a server
// that answers each request after a fixed latency. The benchmark tool
// (internal/benchtool) and the client's scan benchmark compare a real scan
// with it; it is not part of the client's API.
package scanfloor

import "time"

// Of is the floor from request counts, as a server counts them: page 1
// alone (nothing else can start before it gives the total), then the
// other pages and the token searches spread over concurrency slots:
// latency × (1 + ⌈(pages − 1 + searches) / concurrency⌉). A concurrency
// below 1 counts as 1.
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
