#!/usr/bin/env python3
"""Where the API's extra time goes, read off a packet capture of the search benchmark (bench/api-phases.sh).

For every GET /api/search it finds the engine search Kaiko sent while answering it, and splits the API's time into
Kaiko's work before the engine request left, the engine's time, and Kaiko's work after the engine's answer came
back; the raw requests of the same benchmark (sent by the benchmark client straight to the engine) give the engine's
time for the same bodies. Timestamps are the kernel's, taken as each packet crossed the loopback interface, so no
instrumentation inside Kaiko is needed and none is measured.

    bench/api-phases.py CAPTURE.pcap API_PORT ENGINE_PORT [LAST_N=3000]
"""
import bisect
import statistics
import struct
import sys
from collections import defaultdict


def packets(path):
    """(time, source port, destination port, first payload bytes) of each TCP segment that carries data."""
    with open(path, 'rb') as f:
        header = f.read(24)
        nano = struct.unpack('<I', header[:4])[0] == 0xa1b23c4d
        while True:
            record = f.read(16)
            if len(record) < 16:
                return
            seconds, fraction, captured, _ = struct.unpack('<IIII', record)
            frame = f.read(captured)
            ip = frame[14:]  # loopback captures carry an Ethernet header
            ihl = (ip[0] & 15) * 4
            total = struct.unpack('>H', ip[2:4])[0]
            tcp = ip[ihl:]
            source, destination = struct.unpack('>HH', tcp[:4])
            offset = (tcp[12] >> 4) * 4
            if total - ihl - offset > 0:
                yield seconds + fraction / (1e9 if nano else 1e6), source, destination, tcp[offset:offset + 300]


def exchanges(path, servers):
    """Per connection, its HTTP exchanges: [request start, response start, response end, request's first bytes]."""
    connections = defaultdict(list)
    for t, source, destination, payload in packets(path):
        if destination in servers:
            ex = connections[(source, destination)]
            if not ex or ex[-1][1] is not None:
                ex.append([t, None, None, payload])
        else:
            ex = connections[(destination, source)]
            if ex:
                if ex[-1][1] is None:
                    ex[-1][1] = t
                ex[-1][2] = t
    return connections


def main():
    path, api_port, engine_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    last = int(sys.argv[4]) if len(sys.argv) > 4 else 3000
    api, kaiko, raw = [], [], []
    for (_, server), exs in exchanges(path, {api_port, engine_port}).items():
        for e in exs:
            if e[2] is None:
                continue
            line = e[3].split(b'\r\n')[0]
            if server == api_port:
                if line.startswith(b'GET /api/search'):
                    api.append(e)
            elif b'/_search' in line:
                # the benchmark's own client is the JDK's; Kaiko's is Apache's (via Hibernate Search)
                (raw if b'Java-http-client' in e[3] else kaiko).append(e)
    api.sort()
    kaiko.sort()
    raw.sort()
    starts = [e[0] for e in kaiko]
    rows = []
    for a in api:
        i = bisect.bisect_left(starts, a[0])
        # one client: the engine search that started and ended inside this API exchange is the one it caused
        if i < len(kaiko) and kaiko[i][2] <= a[2] and (i + 1 == len(kaiko) or kaiko[i + 1][0] > a[2]):
            k = kaiko[i]
            rows.append((k[0] - a[0], k[2] - k[0], a[1] - k[2], a[2] - a[0]))
    rows = rows[-last:]
    raw = raw[-last:]
    if not rows or not raw:
        sys.exit('no paired searches in the capture (one client only; see bench/api-phases.sh)')

    def show(name, values):
        values = sorted(v * 1000 for v in values)
        print(f'{name:48s} mean {statistics.mean(values):7.2f}  p50 {values[len(values) // 2]:7.2f}  '
              f'p95 {values[int(len(values) * 0.95)]:7.2f} ms')

    print(f'{len(rows)} API searches, {len(raw)} raw engine searches (the last {last} of each)')
    show('API: arrival -> engine request sent (Kaiko)', [r[0] for r in rows])
    show('API: engine request -> engine answer', [r[1] for r in rows])
    show('API: engine answer -> API answer starts (Kaiko)', [r[2] for r in rows])
    show('API: whole exchange, as the server sees it', [r[3] for r in rows])
    show('raw: engine request -> engine answer', [e[2] - e[0] for e in raw])


if __name__ == '__main__':
    main()
