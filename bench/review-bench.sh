#!/usr/bin/env bash
# Cold-cache latency of GET /api/years/{year}/review on a synthetic 100,000-topic archive.
#
#   bench/review-bench.sh [runs=21] [year=2024] [topics=100000]
#
# Builds the service, creates the schema kaiko_bench (PostgreSQL on localhost) by starting the service once, fills it
# with bench/synthetic-archive.sql, restarts the service (which rebuilds its own OpenSearch index from the database),
# then calls the review RUNS times, emptying the review cache (DELETE /api/years/cache, admin) before each call, and
# prints the median wall time (curl) and the median server-side computation time (computed_ms).
# Uses ports 18080 (HTTP) and 19202/19302 (engine) and /var/tmp/kaiko-bench; stops the service it started.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-21}
YEAR=${2:-2024}
TOPICS=${3:-100000}
PORT=18080
TOKEN=bench-token
DATA=/var/tmp/kaiko-bench
LOG=target/review-bench.log
export PGUSER=postgres PGHOST=127.0.0.1

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -o -B -q package -DskipTests
fi

PID=
start() {
  java -Dquarkus.http.port=$PORT -Dkaiko.data-dir=$DATA -Dkaiko.engine.http-port=19202 \
       -Dkaiko.engine.transport-port=19302 -Dkaiko.admin.token=$TOKEN -Dkaiko.archive.demo-when-empty=false \
       -Dquarkus.transaction-manager.default-transaction-timeout=2h \
       -Dquarkus.flyway.schemas=kaiko_bench -Dquarkus.hibernate-orm.database.default-schema=kaiko_bench \
       -Dquarkus.datasource.jdbc.additional-jdbc-properties.currentSchema=kaiko_bench \
       -jar target/quarkus-app/quarkus-run.jar >>"$LOG" 2>&1 &
  PID=$!
}
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=; fi; }
trap stop EXIT
# search answers 200 once the engine is up and the index is (re)built
wait_ready() {
  for _ in $(seq 1 1800); do
    if curl -fs "http://127.0.0.1:$PORT/api/search?size=1" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "the service did not become ready; see $LOG" >&2; exit 1
}

: >"$LOG"
rm -rf "$DATA"   # a fresh engine: the index is rebuilt from the generated archive
psql -q -c "drop schema if exists kaiko_bench cascade" 2>/dev/null
echo "creating the schema ..."
start; wait_ready; stop
echo "generating $TOPICS topics ..."
# the first 300 technology names of the taxonomy: the archive's tags must be technologies to be reviewed
TECHNOLOGIES=$(grep -oE '^  - \{name: [^,}]+' src/main/resources/tagging/taxonomy.yaml | sed 's/.*name: //' | sed -n '1,300p' \
  | paste -sd'|')
psql -q -v ON_ERROR_STOP=1 -v topics="$TOPICS" -v technologies="$TECHNOLOGIES" -c "set search_path = kaiko_bench" -f bench/synthetic-archive.sql \
  2>&1 | grep -v '^SET$' || true
# vacuum as autovacuum soon would after such a load: it sets the visibility map the review's index-only scans need
psql -q -c "set search_path = kaiko_bench" -c "vacuum analyze" >/dev/null
echo "starting the service (it indexes the archive) ..."
SECONDS=0
start; wait_ready
echo "indexed in ${SECONDS}s: $(curl -s "http://127.0.0.1:$PORT/api/search?size=1" | sed -E 's/.*"total":([0-9]+).*/\1/') topics"

# let the engine finish merging the segments of its rebuild (it competes for the two cores), then warm the JVM once
sleep 30
code=$(curl -s -o /tmp/kaiko-review-bench.json -w '%{http_code}' "http://127.0.0.1:$PORT/api/years/$YEAR/review")
[ "$code" = 200 ] || { echo "review answered $code: $(head -c 300 /tmp/kaiko-review-bench.json)" >&2; exit 1; }
walls=(); servers=()
for _ in $(seq 1 "$RUNS"); do
  curl -fs -X DELETE -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/years/cache"
  out=$(curl -fs -o /tmp/kaiko-review-bench.json -w '%{time_total}' "http://127.0.0.1:$PORT/api/years/$YEAR/review")
  walls+=("$(awk -v t="$out" 'BEGIN { printf "%.1f", t * 1000 }')")
  servers+=("$(sed -E 's/.*"computed_ms":([0-9]+).*/\1/' /tmp/kaiko-review-bench.json)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cached=()
for _ in $(seq 1 "$RUNS"); do
  cached+=("$(curl -fs -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/api/years/$YEAR/review" \
              | awk '{ printf "%.1f", $1 * 1000 }')")
done
warm=$(median "${cached[@]}")
echo "GET /api/years/$YEAR/review, cache empty, $RUNS runs: median $(median "${walls[@]}") ms wall" \
     "(server $(median "${servers[@]}") ms; min $(printf '%s\n' "${walls[@]}" | sort -n | head -1) ms," \
     "max $(printf '%s\n' "${walls[@]}" | sort -n | tail -1) ms); cached: median $warm ms"
