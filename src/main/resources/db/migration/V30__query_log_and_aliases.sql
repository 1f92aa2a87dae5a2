-- What readers search for, aggregated per day (UTC) and normalised query text: how often, how many of those searches
-- found nothing as typed (rescued: of those, how many were answered with a respelling or with one word left out), and
-- what the latest one found. Nothing about who searched (no address, agent or session). Rows older
-- than kaiko.query-log.retention are deleted by the scheduler, so the table is bounded by days x distinct queries.
create table query_log (
    day          date        not null,
    query        text        not null,
    searches     bigint      not null,
    zero_hits    bigint      not null,
    rescued      bigint      not null,
    last_hits    bigint      not null,
    last_seen    timestamptz not null,
    primary key (day, query)
);
create index query_log_zero on query_log (day) where zero_hits > 0;

-- Aliases admins add to technologies (from a zero-hit query, say): the taxonomy in use is the shipped/configured one
-- plus these. alias_key is the taxonomy's look-up key of the alias (NFKC, case-insensitive, ignoring spaces . - _),
-- so one spelling can belong to one technology only, whichever instance or admin adds it first.
create table taxonomy_alias (
    alias_key  text        primary key,
    alias      text        not null,
    technology text        not null,
    created_at timestamptz not null default now()
);

-- Advanced in the transaction of every alias change; instances compare it with the one their taxonomy was built from.
create table taxonomy_version (
    id    int    primary key default 1 check (id = 1),
    value bigint not null default 0
);
insert into taxonomy_version default values;
