// Package scanfloor is the benchmarks' shortest possible review scan at a fixed latency.
package scanfloor

import "time"

// Of is latency × (1 + ⌈(pages − 1 + searches) / concurrency⌉): page 1
// alone gives the total, the rest spread over the slots.
func Of(pages, searches, concurrency int, latency time.Duration) time.Duration {
	concurrency = max(1, concurrency)
	rest := max(0, pages-1) + searches
	return time.Duration(1+(rest+concurrency-1)/concurrency) * latency
}
