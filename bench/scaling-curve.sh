#!/usr/bin/env bash
# The scaling curve of issue 15: for each archive size, against the packaged service (target/quarkus-app, one build)
# with default settings: start-up rebuild time, POST /api/admin/reindex time, index size, search p50/p95 raw (the
# engine answering Kaiko's own request) and through the API at 1 and 8 clients, cold review, RSS of Kaiko and of its
# engine, engine heap. Prints a Markdown table at the end (also written to target/scaling-curve.md).
#
#   flock /tmp/kaiko-maven.lock bash bench/scaling-curve.sh [sizes=10000,100000,1000000]
#
# Run it under the Maven lock (it builds when target/quarkus-app is missing or REBUILD=1, and it is heavy).
# Env: REQUESTS (per search run, default 1000), SEARCH_SECONDS (cap per run, 60), REVIEW_RUNS (11),
# REINDEX_FROM (smallest size whose reindex is timed, default 0 = all), ENGINE_HEAP (default: Kaiko's default).
# Uses schema kaiko_bench, ports 18080 and 19202/19302, /var/tmp/kaiko-bench; drops/removes them at the end.
set -euo pipefail
trap 'echo "scaling-curve.sh: failed at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
SIZES=${1:-10000,100000,1000000}
REQUESTS=${REQUESTS:-1000}
SEARCH_SECONDS=${SEARCH_SECONDS:-60}
REVIEW_RUNS=${REVIEW_RUNS:-11}
REINDEX_FROM=${REINDEX_FROM:-0}
PORT=18080
EPORT=19202
TOKEN=bench-token
DATA=/var/tmp/kaiko-bench
LOG=target/scaling-curve.log
OUT=target/scaling-curve.md
API=http://127.0.0.1:$PORT
ENGINE=http://127.0.0.1:$EPORT
export PGUSER=${PGUSER:-postgres} PGHOST=${PGHOST:-127.0.0.1}

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -o -B -q package -DskipTests
fi

PID=
start() {
  java -Dquarkus.http.port=$PORT -Dkaiko.data-dir=$DATA -Dkaiko.engine.http-port=$EPORT \
       -Dkaiko.engine.transport-port=19302 -Dkaiko.admin.token=$TOKEN -Dkaiko.archive.demo-when-empty=false \
       ${ENGINE_HEAP:+-Dkaiko.engine.heap=$ENGINE_HEAP} \
       -Dquarkus.flyway.schemas=kaiko_bench -Dquarkus.hibernate-orm.database.default-schema=kaiko_bench \
       -Dquarkus.datasource.jdbc.additional-jdbc-properties.currentSchema=kaiko_bench \
       -jar target/quarkus-app/quarkus-run.jar >>"$LOG" 2>&1 &
  PID=$!
}
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=; fi; }
cleanup() {
  stop
  if [ -z "${KEEP:-}" ]; then psql -q -c "drop schema if exists kaiko_bench cascade" 2>/dev/null || true; rm -rf "$DATA"; fi
}
trap cleanup EXIT

# the engine: the largest java process below the service (it runs as its own user, possibly through su/runuser);
# sampling must never stop the script (processes come and go while it looks)
descendants() { local p; for p in $(ps -o pid= --ppid "$1" 2>/dev/null || true); do echo "$p"; descendants "$p"; done; }
engine_pid() {
  { for p in $(descendants "$PID"); do ps -o rss=,pid=,comm= -p "$p" 2>/dev/null || true; done; } \
    | awk '$3 == "java"' | sort -n | tail -1 | awk '{ print $2 }' || true
}
rss_mb() { { [ -n "$1" ] && ps -o rss= -p "$1" 2>/dev/null || true; } | awk '{ printf "%d", $1 / 1024 } END { if (NR == 0) printf "0" }'; }
PEAK_K=0; PEAK_E=0
sample_rss() {
  local k e
  k=$(rss_mb "$PID") || k=0
  e=$(rss_mb "$(engine_pid)") || e=0
  if [ "${k:-0}" -gt "$PEAK_K" ]; then PEAK_K=$k; fi
  if [ "${e:-0}" -gt "$PEAK_E" ]; then PEAK_E=$e; fi
  return 0
}
# ready = /q/health/ready UP (the index-rebuild check is DOWN while a rebuild runs)
wait_ready() {
  for _ in $(seq 1 7200); do
    kill -0 "$PID" 2>/dev/null || { echo "the service stopped; see $LOG" >&2; exit 1; }
    if curl -fs "$API/q/health/ready" >/dev/null 2>&1; then return 0; fi
    sample_rss; sleep 1
  done
  echo "the service did not become ready; see $LOG" >&2; exit 1
}
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
field() { sed -nE "s/.*\"$1\":\"?([^,\"}]*).*/\1/p" | head -1; }

: >"$LOG"
ROWS=()
IFS=, read -ra sizes <<<"$SIZES"
for TOPICS in "${sizes[@]}"; do
  echo "== $TOPICS topics"
  PEAK_K=0; PEAK_E=0
  stop; rm -rf "$DATA"
  psql -q -c "drop schema if exists kaiko_bench cascade" 2>/dev/null
  start; wait_ready; stop   # creates the schema (Flyway)
  SECONDS=0
  psql -q -v ON_ERROR_STOP=1 -v topics="$TOPICS" -c "set search_path = kaiko_bench" -f bench/synthetic-archive.sql \
    >target/scaling-generate.log 2>&1 || { cat target/scaling-generate.log >&2; exit 1; }
  psql -q -c "set search_path = kaiko_bench; analyze" >/dev/null
  gen=$SECONDS
  echo "generated in ${gen}s"

  # start-up rebuild: process start until readiness UP; the log's own figure for the indexing alone
  lines=$(wc -l <"$LOG")
  t0=$(date +%s.%N); start; wait_ready; t1=$(date +%s.%N)
  startup=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')
  rebuild=$(tail -n +"$lines" "$LOG" | sed -nE 's/.*Index rebuild \(start-up\): [0-9]+ topics indexed in ([0-9.]+) s.*/\1/p' | tail -1)
  total=$(curl -fs "$API/api/search?size=1" | field total)
  echo "ready after ${startup}s (rebuild ${rebuild:-?}s), $total topics searchable"
  [ "$total" = "$TOPICS" ] || { echo "only $total of $TOPICS topics searchable; see $LOG" >&2; exit 1; }
  sample_rss

  # index size: the store of Kaiko's indexes (primaries; one node, no replicas)
  store=$(curl -fs "$ENGINE/_cat/indices?bytes=b&h=index,docs.count,store.size" | awk '$1 !~ /^\./ { s += $3 } END { printf "%.0f", s / 1048576 }')
  echo "index store ${store} MB"

  # search load: raw and API, 1 and 8 clients
  java bench/SearchLoad.java "$API" "$ENGINE" "$TOKEN" 1,8 "$REQUESTS" "$SEARCH_SECONDS" | tee target/scaling-search-$TOPICS.txt
  sample_rss
  r() { awk -v c="$1" -v t="$2" -v k="$3" '$1 == "RESULT" && $2 == "clients=" c && $3 == "target=" t { for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) print kv[2] } }' target/scaling-search-$TOPICS.txt; }

  # cold review, as bench/review-bench.sh
  year=2024
  curl -fs -o /dev/null "$API/api/years/$year/review"
  walls=()
  for _ in $(seq 1 "$REVIEW_RUNS"); do
    curl -fs -X DELETE -H "Authorization: Bearer $TOKEN" "$API/api/years/cache"
    out=$(curl -fs -o /dev/null -w '%{time_total}' "$API/api/years/$year/review")
    walls+=("$(awk -v t="$out" 'BEGIN { printf "%.0f", t * 1000 }')")
  done
  review=$(median "${walls[@]}")
  echo "review $year cold: median ${review} ms"
  sample_rss

  # POST /api/admin/reindex: a new index behind the alias, timed through the job status
  reindex="-"
  if [ "$TOPICS" -ge "$REINDEX_FROM" ]; then
    t0=$(date +%s.%N)
    job=$(curl -fs -X POST -H "Authorization: Bearer $TOKEN" "$API/api/admin/reindex" | field id)
    while :; do
      state=$(curl -fs -H "Authorization: Bearer $TOKEN" "$API/api/jobs/$job" | field state)
      [ "$state" = done ] && break
      [ "$state" = failed ] && { echo "reindex failed: $(curl -fs -H "Authorization: Bearer $TOKEN" "$API/api/jobs/$job")" >&2; break; }
      sample_rss; sleep 1
    done
    t1=$(date +%s.%N)
    reindex=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')
    [ "$state" = done ] || reindex="failed after ${reindex}"
    echo "reindex: ${reindex}s"
  fi
  sample_rss
  heap=$(curl -fs "$ENGINE/_nodes/stats/jvm" | sed -nE 's/.*"heap_used_in_bytes":([0-9]+).*"heap_max_in_bytes":([0-9]+).*/\1 \2/p' | awk '{ printf "%d / %d MB", $1 / 1048576, $2 / 1048576 }')
  rssk=$(rss_mb "$PID"); rsse=$(rss_mb "$(engine_pid)")
  echo "RSS now: Kaiko ${rssk} MB, engine ${rsse} MB (peak ${PEAK_K} / ${PEAK_E} MB); engine heap used/max ${heap}"
  ROWS+=("| $(printf "%'d" "$TOPICS") | ${gen} s | ${startup} s (${rebuild:-?} s) | ${reindex} s | ${store} MB \
| $(r 1 raw p50) / $(r 1 raw p95) | $(r 1 api p50) / $(r 1 api p95) | $(r 8 raw p50) / $(r 8 raw p95) \
| $(r 8 api p50) / $(r 8 api p95) | ${review} ms | ${PEAK_K} MB | ${PEAK_E} MB | ${heap} |")
  stop
done

{
  echo "| topics | generate (SQL) | start until ready (rebuild) | \`POST /api/admin/reindex\` | index store |" \
       "raw 1 client p50 / p95 ms | API 1 client | raw 8 clients | API 8 clients | review cold (median) |" \
       "Kaiko RSS peak | engine RSS peak | engine heap used / max |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$OUT"
