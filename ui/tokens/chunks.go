package tokens

import "iter"

// chunkBits sets the rows a chunk holds (4,096): a multiple of 64, so
// that a chunk's rows start a word of a row bit set.
const (
	chunkBits = 12
	chunkSize = 1 << chunkBits
)

// chunked is a list kept in fixed chunks, so that appending never copies
// the rows already listed: a scan of 200,000 tokens grew one slice seven
// times, and at the last growth the old and new arrays were both live,
// which set the console's peak memory. The first chunk grows as a slice,
// so that a table of ten tokens holds ten.
//
// A copy of a chunked shares its chunks, as a copy of a slice shares its
// array: each copy reads its own first n rows, and rows are never
// changed in place once listed.
type chunked[T any] struct {
	chunks [][]T
	n      int
}

// len is the number of rows.
func (c *chunked[T]) len() int { return c.n }

// at returns row i, which must be below len.
func (c *chunked[T]) at(i int) *T { return &c.chunks[i>>chunkBits][i&(chunkSize-1)] }

// append adds vs after the last row. The list of chunks is copied, never
// written where another copy of c reads it.
func (c *chunked[T]) append(vs ...T) {
	if len(vs) == 0 {
		return
	}
	chunks := make([][]T, len(c.chunks), len(c.chunks)+(len(vs)>>chunkBits)+1)
	copy(chunks, c.chunks)
	for len(vs) > 0 {
		k, used := c.n>>chunkBits, c.n&(chunkSize-1)
		if k == len(chunks) {
			size := chunkSize
			if k == 0 {
				size = min(chunkSize, len(vs))
			}
			chunks = append(chunks, make([]T, 0, size))
		}
		last := chunks[k][:used]
		take := min(chunkSize-used, len(vs))
		if k == 0 && used+take > cap(last) {
			grown := make([]T, used, min(chunkSize, max(2*cap(last), used+take)))
			copy(grown, last)
			last = grown
		}
		chunks[k] = append(last, vs[:take]...)
		c.n += take
		vs = vs[take:]
	}
	c.chunks = chunks
}

// run returns the n rows from row base, the first of a chunk (as runs
// yields it): a run of another chunked with the same rows' layout.
func (c *chunked[T]) run(base, n int) []T { return c.chunks[base>>chunkBits][:n] }

// runs yields each chunk's rows with the index of its first row.
func (c *chunked[T]) runs() iter.Seq2[int, []T] {
	return func(yield func(int, []T) bool) {
		for k, base := 0, 0; base < c.n; k, base = k+1, base+chunkSize {
			if !yield(base, c.chunks[k][:min(chunkSize, c.n-base)]) {
				return
			}
		}
	}
}
