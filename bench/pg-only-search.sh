#!/usr/bin/env bash
# The PostgreSQL-only comparison of issue 15: the synthetic archive of bench/synthetic-archive.sql searched with
# ILIKE (no text index) and with pg_trgm (a GIN trigram index, same ILIKE queries), at 1 and 8 clients, with pgbench.
# The query words are those of bench/SearchLoad.java's mix, as a PostgreSQL-only search would have to write them:
# substrings AND-ed, OR and exclusion by hand, filters as joins; each query returns a page of 20 newest hits and the
# total (count(*) over ()). No relevance ranking, facets, highlights, Japanese word splitting, synonyms or typos.
#
#   bash bench/pg-only-search.sh [topics=100000] [seconds=30]
#
# Needs psql, pgbench (postgresql-client) and the pg_trgm extension (postgresql-contrib); PostgreSQL on PGHOST
# (default 127.0.0.1, user postgres). Uses and then drops schema kaiko_pgonly. Heavy: run it with nothing else
# running (here: flock /tmp/kaiko-maven.lock bash bench/pg-only-search.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
TOPICS=${1:-100000}
SECS=${2:-30}
export PGUSER=${PGUSER:-postgres} PGHOST=${PGHOST:-127.0.0.1}
WORK=$(mktemp -d /tmp/kaiko-pgonly.XXXXXX)
cleanup() { psql -q -c "drop schema if exists kaiko_pgonly cascade" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "generating $TOPICS topics in schema kaiko_pgonly ..."
psql -q -v ON_ERROR_STOP=1 <<'SQL'
drop schema if exists kaiko_pgonly cascade;
create schema kaiko_pgonly;
create extension if not exists pg_trgm;
set search_path = kaiko_pgonly;
-- the columns of Kaiko's tables that the generator fills, with Kaiko's indexes (db/migration/V1__archive.sql)
create table issue (id bigserial primary key, issue_key text not null unique, series text not null, number integer,
                    title text not null, published date not null, source_file text, source_format text);
create index issue_published_idx on issue (published);
create table topic (id bigserial primary key, issue_id bigint not null references issue (id), topic_key text not null
                    unique, position integer not null, title text not null, body text not null, presenter text,
                    source_file text, content_hash text not null);
create index topic_issue_idx on topic (issue_id);
create table topic_tag (topic_id bigint not null references topic (id), name text not null, provenance text not null,
                        primary key (topic_id, name, provenance));
create index topic_tag_name_idx on topic_tag (name);
SQL
psql -q -v ON_ERROR_STOP=1 -v topics="$TOPICS" -c "set search_path = kaiko_pgonly" -f bench/synthetic-archive.sql \
  >"$WORK/generate.log" 2>&1 || { cat "$WORK/generate.log" >&2; exit 1; }
psql -q -c "set search_path = kaiko_pgonly; analyze" >/dev/null

# one pgbench script per query of the mix (same order as bench/SearchLoad.java)
TXT="(t.title || ' ' || t.body)"
conds=(
  "$TXT ilike '%kubernetes%'"
  "$TXT ilike '%コンテナ%' and $TXT ilike '%セキュリティ%'"
  "$TXT ilike '%ebpf%' and $TXT ilike '%入門%'"
  "$TXT ilike '%react%' and i.published >= '2023-01-01' and i.published < '2024-01-01'"
  "$TXT ilike '%パフォーマンスを改善した話%'"
  "true"
  "($TXT ilike '%rust%' or $TXT ilike '%go%')"
  "$TXT ilike '%データベース%' and $TXT not ilike '%mysql%'"
  "$TXT ilike '%kubernetis%'"
  "$TXT ilike '%サイドカー%'"
  "$TXT ilike '%observability%' and exists (select 1 from topic_tag g where g.topic_id = t.id and g.name in ('tech-007', 'tech-011'))"
  "$TXT ilike '%リリース%' and i.published >= '2021-01-01' and i.published < '2023-01-01'"
  "$TXT ilike '%service mesh%'"
  "$TXT ilike '%ブラウザ%' and $TXT ilike '%javascript%'"
  "exists (select 1 from topic_tag g where g.topic_id = t.id and g.name = 'tech-001') and t.presenter = 'presenter-3'"
  "$TXT ilike '%分散システムの設計と実装%'"
)
args=()
for n in "${!conds[@]}"; do
  offset=0; [ "$n" = 13 ] && offset=20
  echo "select t.id, t.title, i.published, count(*) over () as total from topic t join issue i on i.id = t.issue_id
        where ${conds[$n]} order by i.published desc, t.id limit 20 offset $offset;" >"$WORK/q$n.sql"
  args+=(-f "$WORK/q$n.sql@1")
done

export PGOPTIONS="-c search_path=kaiko_pgonly,public"
echo "hits per query (total):"
for n in "${!conds[@]}"; do
  printf '  q%-2s %s\n' "$n" "$(psql -At -f "$WORK/q$n.sql" | head -1 | awk -F'|' '{ print $4 } END { if (NR == 0) print 0 }')"
done

# latency percentiles from pgbench's per-transaction log (3rd field: latency in microseconds)
bench() {
  local label=$1 clients=$2
  rm -f "$WORK"/pgbench_log.*
  (cd "$WORK" && pgbench -n "${args[@]}" -c "$clients" -j "$clients" -T "$SECS" -l >"$WORK/pgbench.out" 2>&1) \
    || { cat "$WORK/pgbench.out" >&2; exit 1; }
  cat "$WORK"/pgbench_log.* | awk '{ print $3 / 1000 }' | sort -n | awk -v l="$label" -v c="$clients" '
    { a[NR] = $1 } END { p50 = a[int(NR * 0.50 + 0.999)]; p95 = a[int(NR * 0.95 + 0.999)];
      printf "RESULT %-8s clients=%d n=%d p50=%.1f ms p95=%.1f ms\n", l, c, NR, p50, p95 }'
}
bench ILIKE 1
bench ILIKE 8
echo "building the GIN trigram index ..."
SECONDS=0
psql -q -c "set search_path = kaiko_pgonly, public; create index topic_text_trgm on topic using gin ((title || ' ' || body) gin_trgm_ops); analyze topic"
echo "built in ${SECONDS}s, $(psql -At -c "select pg_size_pretty(pg_relation_size('kaiko_pgonly.topic_text_trgm'))")"
bench pg_trgm 1
bench pg_trgm 8
