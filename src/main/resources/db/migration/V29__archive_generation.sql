-- A counter every archive write and every applied index batch advances, in its own transaction. Instances sharing
-- the database key their caches of derived figures (year reviews) with it, so a change made through one instance
-- is seen by the others' caches without any message between them.
create table archive_generation (
    id    int    primary key default 1 check (id = 1),
    value bigint not null default 0
);
insert into archive_generation default values;
