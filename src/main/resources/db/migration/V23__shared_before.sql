-- "Shared before" and the draft check. Both keys are derived in Java (dev.kaiko.archive.LinkKey / TitleKey) by the
-- Topic entity on every write; rows that predate this migration are filled by dev.kaiko.archive.TopicKeys at start.
alter table topic add column link_key text;   -- normalised main link; null when the topic has no web link
alter table topic add column title_key text;  -- normalised title; null only while not yet derived

-- "Earlier topics with the same link": one index lookup per topic (or per draft).
create index topic_link_key_idx on topic (link_key) where link_key is not null;
-- Rows still to derive: TopicKeys finds them without scanning the table.
create index topic_keys_missing_idx on topic (id) where title_key is null;

-- Near-identical titles are pre-selected with trigrams (pg_trgm, part of PostgreSQL's contrib) when the server has
-- the extension; without it the draft check compares against every title. An extension exists once per database,
-- so it goes into "public" (shared by every schema, never dropped with ours) when we may create there, else into
-- our own schema; when it is already installed, wherever that is, it is used from there.
do $$
declare
    trgm_schema text;
begin
    if not exists (select 1 from pg_extension where extname = 'pg_trgm')
            and exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
        begin
            create extension pg_trgm schema public;
        exception when others then
            begin
                create extension pg_trgm;
            exception when others then
                raise notice 'pg_trgm could not be installed (%); the draft check compares all titles', sqlerrm;
            end;
        end;
    end if;
    select n.nspname into trgm_schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
    if trgm_schema is not null then
        -- fastupdate off: a pending list (filled by every import until the next vacuum) is scanned linearly by
        -- every lookup, which made a check after a large import 20 times slower
        execute format('create index topic_title_key_trgm_idx on topic using gin (title_key %I.gin_trgm_ops)'
                       ' with (fastupdate = off)', trgm_schema);
    end if;
end
$$;
