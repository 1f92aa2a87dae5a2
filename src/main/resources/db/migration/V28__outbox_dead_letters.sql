-- A row that keeps failing (a document the engine refuses) must not hold up the others: it is retried with backoff,
-- then parked in index_dead_letter, shown by readiness, metrics and the admin page, and retried on demand.
alter table index_outbox add column attempts int not null default 0;
alter table index_outbox add column next_attempt_at timestamptz not null default now();
alter table index_outbox add column last_error text;
create index index_outbox_due_idx on index_outbox (next_attempt_at);

create table index_dead_letter (
    topic_id    bigint primary key,
    attempts    int         not null,
    last_error  text        not null,
    parked_at   timestamptz not null default now()
);
