#!/usr/bin/env bash
# Where GET /api/search spends its time beyond the engine's: runs SearchBenchmark with one client while tcpdump
# records the loopback traffic of the test ports, then splits each API search into Kaiko's time before the engine
# request, the engine's time, and Kaiko's time after it (bench/api-phases.py), next to the engine's time for the same
# bodies sent raw.
#
#   bench/api-phases.sh [topics=100000] [pairs=1500]
#
# Needs tcpdump (Debian: apt-get install tcpdump) and root for the capture; uses the test ports (8081, 19201).
set -euo pipefail
cd "$(dirname "$0")/.."
TOPICS=${1:-100000}
PAIRS=${2:-1500}
command -v tcpdump >/dev/null || { echo "tcpdump is needed: apt-get install -y tcpdump" >&2; exit 1; }
mkdir -p target
CAPTURE=target/api-phases.pcap
tcpdump -i lo -n -s 400 -w "$CAPTURE" 'tcp port 8081 or tcp port 19201' 2>target/api-phases-tcpdump.log &
DUMP=$!
trap 'kill $DUMP 2>/dev/null || true' EXIT
sleep 1
./mvnw -B -ntp -o test -Dtest=SearchBenchmark -Dkaiko.bench=true -Dkaiko.bench.clients=1 \
  -Dkaiko.bench.topics="$TOPICS" -Dkaiko.bench.requests="$PAIRS" | grep 'bench:'
kill $DUMP; wait $DUMP 2>/dev/null || true
python3 bench/api-phases.py "$CAPTURE" 8081 19201 $((PAIRS * 2))
