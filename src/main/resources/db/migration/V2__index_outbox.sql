-- Index changes recorded in the same transaction as the data, applied by IndexOutboxProcessor once the engine
-- takes them: an import that commits while the search engine is down becomes searchable when it is back.
-- Several instances share the work by claiming rows with FOR UPDATE SKIP LOCKED.
create table index_outbox (
    id         bigserial primary key,
    topic_id   bigint      not null,
    created_at timestamptz not null default now()
);
