#!/usr/bin/env bash
# The performance benchmarks: prints every figure beside its target, with the
# machine it ran on. Runs from a fresh clone: it builds the binary and the
# measuring tool (scripts/benchtool) into a temporary directory, runs the
# rendering Go benchmarks, then starts `sonartoken sim` servers on the
# loopback interface and times the real binary against them. Every process
# it starts is stopped on exit, Ctrl+C included.
#
#   bash scripts/bench.sh                 # everything, about 7 minutes
#   BENCH_QUICK=1 bash scripts/bench.sh   # sequential baseline extrapolated
#                                         # from 1,000 users, one run each
#   bash scripts/bench.sh -only start,list   # some steps (benchtool -help)
#
# The sequential baseline (one request at a time over 10,000 users at
# 20 ms each) alone takes about 200 s: it is measured in full unless
# BENCH_QUICK is set, and then the table says it was extrapolated.
set -euo pipefail

cd "$(dirname "$0")/.."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sonartoken-bench.XXXXXX")
tool_pid=""
cleanup() {
	if [[ -n "$tool_pid" ]] && kill -0 "$tool_pid" 2>/dev/null; then
		kill -TERM "$tool_pid" 2>/dev/null || true # it stops its simulators
		wait "$tool_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "· building sonartoken and benchtool into $tmp" >&2
go build -o "$tmp/sonartoken" ./cmd/sonartoken
go build -o "$tmp/benchtool" ./scripts/benchtool

echo "· Go benchmarks of the rendering (go test -run '^\$' -bench . -benchmem ./ui/...)" >&2
go test -run '^$' -bench . -benchmem ./ui/... | tee "$tmp/gobench.txt" | grep -E '^(Benchmark|ok|FAIL|---)' >&2

args=(-bin "$tmp/sonartoken" -gobench "$tmp/gobench.txt" -go-version "$(go env GOVERSION)")
if [[ -n "${BENCH_QUICK:-}" ]]; then
	args+=(-sequential-sample 1000 -runs 1 -start-runs 5)
fi

# In the background so that the traps run at once on Ctrl+C.
"$tmp/benchtool" "${args[@]}" "$@" &
tool_pid=$!
wait "$tool_pid"
