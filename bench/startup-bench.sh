#!/usr/bin/env bash
# Start-up time of the packaged service: from `java -jar` to the first answered search (GET /api/search → 200),
# on a data directory whose engine is already installed ("warm"), and once on a fresh data directory ("cold": the
# engine distribution is copied in first).
#
#   bench/startup-bench.sh [warm-runs=5]
#
# Uses the schema kaiko_startup (emptied first: no archive, so no index rebuild is timed), ports 18090 and
# 19205/19305, /var/tmp/kaiko-startup-bench. Prints each run's seconds and the median of the warm runs, and the
# log lines that time Quarkus' own boot and the engine's start.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
PORT=18090
DATA=/var/tmp/kaiko-startup-bench
LOG=target/startup-bench.log
export PGUSER=postgres PGHOST=127.0.0.1

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q package -DskipTests
fi
psql -q -d postgres -c "drop schema if exists kaiko_startup cascade" >/dev/null

run() {
  : >"$LOG"
  local t0 t1 pid
  t0=$(date +%s.%N)
  java -Dquarkus.http.port=$PORT -Dkaiko.data-dir=$DATA -Dkaiko.engine.http-port=19205 \
       -Dkaiko.engine.transport-port=19305 -Dkaiko.admin.token=startup-bench-token \
       -Dkaiko.archive.demo-when-empty=false \
       -Dquarkus.flyway.schemas=kaiko_startup -Dquarkus.hibernate-orm.database.default-schema=kaiko_startup \
       -Dquarkus.datasource.jdbc.additional-jdbc-properties.currentSchema=kaiko_startup \
       -jar target/quarkus-app/quarkus-run.jar >>"$LOG" 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/search?q=kaiko")" = 200 ]; then
      break
    fi
    sleep 0.05
  done
  t1=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$t1 - $t0" | bc
}

rm -rf "$DATA"
cold=$(run)
printf 'cold (fresh data dir, engine installed first): %.1f s\n' "$cold"
grep -E "started in|Starting managed OpenSearch|Search is available" "$LOG" | sed 's/^/    /' | cut -c1-160
warm=()
for i in $(seq 1 "$RUNS"); do
  w=$(run)
  warm+=("$w")
  printf 'warm run %d: %.1f s\n' "$i" "$w"
done
grep -E "started in|Starting managed OpenSearch|Search is available" "$LOG" | sed 's/^/    /' | cut -c1-160
printf '%s\n' "${warm[@]}" | sort -n | awk '{a[NR]=$1} END {printf "warm median of %d: %.1f s\n", NR, a[int((NR+1)/2)]}'
