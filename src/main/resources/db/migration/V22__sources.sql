-- Followed feeds and sites (dev.kaiko.sources): what to poll, how it went, and per page and entry what is needed to
-- not fetch or import it again (validators for conditional GET, a digest of what was imported).

create table source (
    id              bigserial   primary key,
    url             text        not null unique,
    kind            text        check (kind in ('feed', 'page')),          -- known after the first fetch
    status          text        not null default 'new' check (status in ('new', 'ok', 'partial', 'error')),
    backfilled      boolean     not null default false,                    -- the whole history was walked once
    created_at      timestamptz not null default now(),
    last_fetch_at   timestamptz,
    last_success_at timestamptz,
    next_fetch_at   timestamptz not null default now(),
    items_seen      integer     not null default 0,
    last_error      text,                                                  -- names the URL and the problem
    last_report     text                                                   -- the last fetch's report, JSON
);
create index source_due_idx on source (next_fetch_at);

-- kind 'page': a feed page or archive page (validators, and its link to older history);
-- kind 'entry': a feed entry (key = atom:id / guid / link); kind 'article': an article linked from an archive page.
create table source_item (
    source_id     bigint      not null references source (id) on delete cascade,
    kind          text        not null check (kind in ('page', 'entry', 'article')),
    item_key      text        not null,
    url           text,
    etag          text,
    last_modified text,
    content_hash  text,
    next_url      text,
    outcome       text        check (outcome in ('imported', 'skipped', 'failed')),
    error         text,
    fetched_at    timestamptz not null default now(),
    primary key (source_id, kind, item_key)
);
