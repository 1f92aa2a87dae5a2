-- Kaiko's source of truth: weekly issues, their topics, and the topics' technology tags with provenance.
-- The search index is derived from these tables and can always be rebuilt.

create table issue (
    id           bigserial primary key,
    issue_key    text        not null unique,  -- series + number (or date): stable across re-imports
    series       text        not null,
    number       integer,
    title        text        not null,
    published    date        not null,
    url          text,
    source_file  text,
    source_format text,
    imported_at  timestamptz not null default now()
);
create index issue_published_idx on issue (published);

create table topic (
    id           bigserial primary key,
    issue_id     bigint      not null references issue (id) on delete cascade,
    topic_key    text        not null unique,  -- digest of issue key + normalised title: stable identity
    position     integer     not null,
    title        text        not null,
    body         text        not null,
    body_html    text,
    section      text,
    url          text,
    links        text[]      not null default '{}',
    attributes   text[]      not null default '{}',
    presenter    text,
    source_file  text,                         -- a week of a link feed can span two files: each owns its topics
    content_hash text        not null,         -- detects "unchanged" on re-import without touching the row
    tags_edited  boolean     not null default false, -- manual tags replace auto/archive ones once edited
    updated_at   timestamptz not null default now()
);
create index topic_issue_idx on topic (issue_id, position);
create index topic_presenter_idx on topic (presenter);

create table topic_tag (
    topic_id   bigint not null references topic (id) on delete cascade,
    name       text   not null,
    provenance text   not null check (provenance in ('auto', 'archive', 'manual')),
    primary key (topic_id, name, provenance)
);
create index topic_tag_name_idx on topic_tag (name);
