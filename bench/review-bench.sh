#!/usr/bin/env bash
# Cold-cache latency of GET /api/years/{year}/review on a synthetic 100,000-topic archive.
#
#   bench/review-bench.sh [runs=21] [year=2024] [topics=100000]
#
# Builds the service, creates the schema kaiko_bench (PostgreSQL on localhost) by starting the service once, fills it
# with bench/synthetic-archive.sql, restarts the service (which rebuilds its own OpenSearch index from the database),
# then calls the review RUNS times, emptying the review cache (DELETE /api/years/cache, admin) before each call, and
# prints the median wall time (curl) and the median server-side computation time (computed_ms).
# KEEP=1 reuses the archive and index already in kaiko_bench (waiting for readiness, i.e. a complete index).
# Uses ports 18080 (HTTP) and 19202/19302 (engine) and /var/tmp/kaiko-bench; stops the service it started.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-21}
YEAR=${2:-2024}
TOPICS=${3:-100000}
LOG=target/review-bench.log
. bench/bench-service.sh
build_if_needed
prepare "$TOPICS"

# warm the JVM once
code=$(curl -s -o /tmp/kaiko-review-bench.json -w '%{http_code}' "http://127.0.0.1:$PORT/api/years/$YEAR/review")
[ "$code" = 200 ] || { echo "review answered $code: $(head -c 300 /tmp/kaiko-review-bench.json)" >&2; exit 1; }
walls=(); servers=()
for _ in $(seq 1 "$RUNS"); do
  curl -fs -X DELETE -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/years/cache"
  out=$(curl -fs -o /tmp/kaiko-review-bench.json -w '%{time_total}' "http://127.0.0.1:$PORT/api/years/$YEAR/review")
  walls+=("$(awk -v t="$out" 'BEGIN { printf "%.1f", t * 1000 }')")
  servers+=("$(sed -E 's/.*"computed_ms":([0-9]+).*/\1/' /tmp/kaiko-review-bench.json)")
done
cached=()
for _ in $(seq 1 "$RUNS"); do
  cached+=("$(curl -fs -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/api/years/$YEAR/review" \
              | awk '{ printf "%.1f", $1 * 1000 }')")
done
warm=$(median "${cached[@]}")
echo "GET /api/years/$YEAR/review, cache empty, $RUNS runs: median $(median "${walls[@]}") ms wall" \
     "(server $(median "${servers[@]}") ms; min $(printf '%s\n' "${walls[@]}" | sort -n | head -1) ms," \
     "max $(printf '%s\n' "${walls[@]}" | sort -n | tail -1) ms); cached: median $warm ms"
