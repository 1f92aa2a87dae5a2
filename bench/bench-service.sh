# Sourced by the benchmarks that time the packaged service on a synthetic archive (review-bench.sh,
# rescue-bench.sh): builds the service when asked, generates the archive into the schema kaiko_bench, starts and stops
# the service on port 18080 with its engine on 19202/19302 and its data in /var/tmp/kaiko-bench.
PORT=18080
TOKEN=bench-token
DATA=/var/tmp/kaiko-bench
export PGUSER=postgres PGHOST=127.0.0.1

build_if_needed() {
  if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then
    ./mvnw -o -B -q package -DskipTests
  fi
}

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
# readiness is UP once the engine is up and the index holds the whole archive: search answers earlier, from a
# partial index while the start-up rebuild runs, and timing anything then would measure a machine busy indexing
wait_ready() {
  for _ in $(seq 1 3600); do
    if curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "the service did not become ready (index rebuilt) in an hour; see $LOG" >&2; exit 1
}

# the service on a synthetic archive of $1 topics: generated afresh with a fresh engine, or with KEEP=1 the archive
# and index already in kaiko_bench (to compare two builds on the same data)
prepare() {
  if [ -n "${KEEP:-}" ]; then
    : >"$LOG"; start; wait_ready
  else
    generate_and_start "$1"
  fi
}

# a fresh synthetic archive of $1 topics in kaiko_bench and a fresh engine, then the service started on it
generate_and_start() {
  local topics=$1
  : >"$LOG"
  rm -rf "$DATA"   # a fresh engine: the index is rebuilt from the generated archive
  psql -q -c "drop schema if exists kaiko_bench cascade" 2>/dev/null
  echo "creating the schema ..."
  start; wait_ready; stop
  echo "generating $topics topics ..."
  # the first 300 technology names of the taxonomy: the archive's tags must be technologies to be reviewed
  local technologies
  technologies=$(grep -oE '^  - \{name: [^,}]+' src/main/resources/tagging/taxonomy.yaml | sed 's/.*name: //' \
    | sed -n '1,300p' | paste -sd'|')
  psql -q -v ON_ERROR_STOP=1 -v topics="$topics" -v technologies="$technologies" -c "set search_path = kaiko_bench" \
    -f bench/synthetic-archive.sql 2>&1 | grep -v '^SET$' || true
  # vacuum as autovacuum soon would after such a load: it sets the visibility map the review's index-only scans need
  psql -q -c "set search_path = kaiko_bench" -c "vacuum analyze" >/dev/null
  echo "starting the service (it indexes the archive) ..."
  SECONDS=0
  start; wait_ready
  echo "indexed in ${SECONDS}s: $(curl -s "http://127.0.0.1:$PORT/api/search?size=1" | sed -E 's/.*"total":([0-9]+).*/\1/') topics"
  # let the engine finish merging the segments of its rebuild (it competes for the two cores)
  sleep 30
}

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
