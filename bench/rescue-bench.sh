#!/usr/bin/env bash
# Latency of searches that find nothing as typed and are rescued (did-you-mean respelling, relaxation) or end in an
# honest zero, on a synthetic archive: such a search asks the engine several times (candidates, counts, the
# respelled or relaxed search), so it is the slowest kind of search Kaiko answers.
#
#   bench/rescue-bench.sh [runs=15] [topics=100000]
#
# Builds the service (REBUILD=1 to force), generates the archive into kaiko_bench and starts the service on it as
# bench/review-bench.sh does (KEEP=1 reuses the archive and index already there, e.g. to compare two builds), warms
# every query twice, then sends each query RUNS times in turn and prints the median and p90 wall time (curl) per query
# with what it answered. Uses ports 18080 (HTTP) and 19202/19302 (engine); stops the service it started.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-15}
TOPICS=${2:-100000}
LOG=target/rescue-bench.log
. bench/bench-service.sh
build_if_needed
prepare "$TOPICS"

QUERIES=(
  "サイドガー"                                     # one katakana typo → did-you-mean
  "データベーヌ"                                   # the same, a longer word
  "kubernetis zebraquux"                           # a Latin typo and a word nothing has
  "kubernetes 量子暗号"                            # relaxation: two words, one found nowhere
  "コンテナ セキュリティ 量子暗号 監視 ログ"       # five words: counts per word, then did-you-mean
  "rust go java python haskell cobol fortran zig"  # eight words: the most counts relaxation makes
)
url() { echo "http://127.0.0.1:$PORT/api/search?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1")"; }
for q in "${QUERIES[@]}"; do curl -fs -o /dev/null "$(url "$q")"; curl -fs -o /dev/null "$(url "$q")"; done
declare -A times
for _ in $(seq 1 "$RUNS"); do
  for i in "${!QUERIES[@]}"; do
    times[$i]+="$(curl -fs -o /dev/null -w '%{time_total}' "$(url "${QUERIES[$i]}")" | awk '{ printf "%.1f", $1 * 1000 }') "
  done
done
for i in "${!QUERIES[@]}"; do
  q=${QUERIES[$i]}
  # shellcheck disable=SC2086
  sorted=$(printf '%s\n' ${times[$i]} | sort -n)
  p90=$(echo "$sorted" | awk -v n="$RUNS" 'NR == int(n * 0.9 + 0.5) { print }')
  answer=$(curl -fs "$(url "$q")" | python3 -c 'import json, sys; d = json.load(sys.stdin); print("total", d["total"], "did_you_mean", d.get("did_you_mean"), "relaxed", (d.get("relaxed") or {}).get("dropped"))')
  # shellcheck disable=SC2086
  printf '%-48s median %6.1f ms  p90 %6.1f ms  (%s)\n' "$q" "$(median ${times[$i]})" "$p90" "$answer"
done
