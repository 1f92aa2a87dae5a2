-- The year in review's counts, kept by the database in the transaction that changes the archive, so a review reads
-- a few thousand counter rows instead of aggregating every topic of the archive (ReviewCounts in the review package).
-- A counter is the sum of its rows (see review_counts_compact).
-- Every count is of topics and follows the rules the rest of Kaiko applies: a topic's year and series are its
-- issue's, its tags are its effective tags (the view topic_effective_tag: the manual set once edited, else auto and
-- archive tags, one per name). ReviewCountsTest compares the counters with a count from scratch after concurrent
-- imports, edits and deletions.
--
-- Row triggers, all BEFORE a topic_tag row changes (a BEFORE trigger sees the statement's earlier rows applied, so
-- "is this name already an effective tag of the topic" is answered row by row, also in one multi-row statement):
--   topic_tag insert/delete/update, topic insert/update/delete, issue update/delete, and truncation of any of them.
-- A cascade (issue → topic → topic_tag) is counted once, by the first trigger: the later ones find their parent row
-- gone and leave the counters alone.

create table review_issue_topics (
    issue_id bigint  not null,
    topics   integer not null
);
create index review_issue_topics_idx on review_issue_topics (issue_id);

create table review_presenter_topics (
    series    text    not null,
    year      integer not null,
    presenter text    not null,
    topics    integer not null
);
create index review_presenter_topics_idx on review_presenter_topics (year);

create table review_tag_topics (
    series text    not null,
    year   integer not null,
    name   text    not null,
    topics integer not null
);

create table review_presenter_tag_topics (
    series    text    not null,
    year      integer not null,
    presenter text    not null,
    name      text    not null,
    topics    integer not null
);
-- a year's rows by presenter and name, read without touching the table (the presenters' favourite technologies)
create index review_presenter_tag_topics_idx on review_presenter_tag_topics (year, presenter, name) include (series, topics);

-- not a counter: one row per effective tag of a topic, with what the review's highlights rank by (the topic's body
-- length; its citations come from topic_reference), so choosing the year's highlights reads a few rows per
-- technology instead of every topic of the year
create table review_tag_topic (
    topic_id bigint  not null,
    name     text    not null,
    series   text    not null,
    year     integer not null,
    length   integer not null
);
-- the highlights' order within a technology's year: longest first (an index-only scan reads the first few)
create index review_tag_topic_rank_idx on review_tag_topic (year, name, length desc, topic_id) include (series);
create index review_tag_topic_topic_idx on review_tag_topic (topic_id, name);

-- one effective tag of one topic placed in (series, year, presenter), counted sign times
create function review_count_tag(
        p_topic bigint, p_length integer, p_series text, p_year integer, p_presenter text, p_name text, p_sign integer)
returns void language plpgsql as $$
begin
    insert into review_tag_topics (series, year, name, topics) values (p_series, p_year, p_name, p_sign);
    if p_sign > 0 then
        insert into review_tag_topic (topic_id, name, series, year, length)
        values (p_topic, p_name, p_series, p_year, p_length);
    else
        delete from review_tag_topic where topic_id = p_topic and name = p_name;
    end if;
    if p_presenter is not null then
        insert into review_presenter_tag_topics (series, year, presenter, name, topics)
        values (p_series, p_year, p_presenter, p_name, p_sign);
    end if;
end $$;

-- one topic with its effective tags (under tags_edited = p_edited), placed in the given issue, counted sign times;
-- nothing when the issue is gone (a cascade from its deletion, already counted)
create function review_count_topic(
        p_topic bigint, p_issue bigint, p_presenter text, p_edited boolean, p_length integer, p_sign integer)
returns void language plpgsql as $$
declare
    v_series text;
    v_year   integer;
    v_name   text;
begin
    select i.series, extract(year from i.published)::integer into v_series, v_year from issue i where i.id = p_issue;
    if not found then
        return;
    end if;
    insert into review_issue_topics (issue_id, topics) values (p_issue, p_sign);
    if p_presenter is not null then
        insert into review_presenter_topics (series, year, presenter, topics)
        values (v_series, v_year, p_presenter, p_sign);
    end if;
    for v_name in
        select distinct tt.name from topic_tag tt where tt.topic_id = p_topic and (tt.provenance = 'manual') = p_edited
    loop
        perform review_count_tag(p_topic, p_length, v_series, v_year, p_presenter, v_name, p_sign);
    end loop;
end $$;

-- a topic_tag row about to appear (sign 1) or go (sign -1): counted when it is effective and the only effective row
-- of its name on the topic (the other provenance may carry the same name); p_replaced_*: the row an update replaces,
-- still there while the BEFORE trigger runs, which is not another row of the name
create function review_count_tag_row(
        p_topic bigint, p_name text, p_provenance text, p_sign integer,
        p_replaced_topic bigint default null, p_replaced_name text default null, p_replaced_provenance text default null)
returns void language plpgsql as $$
declare
    v_topic record;
begin
    select t.presenter, t.tags_edited, length(t.body) as length, i.series, extract(year from i.published)::integer
           as year into v_topic
    from topic t join issue i on i.id = t.issue_id where t.id = p_topic;
    if not found or (p_provenance = 'manual') <> v_topic.tags_edited then
        return;
    end if;
    if exists (
        select 1 from topic_tag tt
        where tt.topic_id = p_topic and tt.name = p_name and (tt.provenance = 'manual') = v_topic.tags_edited
            and (p_sign > 0 or tt.provenance <> p_provenance)
            and not (tt.topic_id is not distinct from p_replaced_topic and tt.name is not distinct from p_replaced_name
                     and tt.provenance is not distinct from p_replaced_provenance)) then
        return;
    end if;
    perform review_count_tag(p_topic, v_topic.length, v_topic.series, v_topic.year, v_topic.presenter, p_name, p_sign);
end $$;

create function review_counts_on_topic_tag() returns trigger language plpgsql as $$
begin
    if tg_op in ('DELETE', 'UPDATE') then
        perform review_count_tag_row(old.topic_id, old.name, old.provenance, -1);
    end if;
    if tg_op = 'UPDATE' then
        perform review_count_tag_row(new.topic_id, new.name, new.provenance, 1, old.topic_id, old.name, old.provenance);
        return new;
    end if;
    if tg_op = 'INSERT' then
        perform review_count_tag_row(new.topic_id, new.name, new.provenance, 1);
        return new;
    end if;
    return old;
end $$;

create trigger review_counts before insert or update or delete on topic_tag
    for each row execute function review_counts_on_topic_tag();

create function review_counts_on_topic() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform review_count_topic(new.id, new.issue_id, new.presenter, new.tags_edited, length(new.body), 1);
        return new;
    end if;
    if tg_op = 'DELETE' then
        perform review_count_topic(old.id, old.issue_id, old.presenter, old.tags_edited, length(old.body), -1);
        return old;
    end if;
    if new.issue_id is distinct from old.issue_id or new.presenter is distinct from old.presenter
            or new.tags_edited is distinct from old.tags_edited or new.id <> old.id then
        perform review_count_topic(old.id, old.issue_id, old.presenter, old.tags_edited, length(old.body), -1);
        perform review_count_topic(new.id, new.issue_id, new.presenter, new.tags_edited, length(new.body), 1);
    elsif new.body is distinct from old.body then
        update review_tag_topic set length = length(new.body) where topic_id = new.id;
    end if;
    return new;
end $$;

-- AFTER INSERT: only rows really inserted (an insert can still be refused); BEFORE UPDATE/DELETE: the topic's tags are
-- still there when it is deleted (the cascade removes them after)
create trigger review_counts_insert after insert on topic
    for each row execute function review_counts_on_topic();
create trigger review_counts_change before update or delete on topic
    for each row execute function review_counts_on_topic();

-- every topic of an issue, with its effective tags, counted sign times in (series, year)
create function review_count_issue(p_issue bigint, p_series text, p_year integer, p_sign integer)
returns void language plpgsql as $$
begin
    insert into review_presenter_topics (series, year, presenter, topics)
    select p_series, p_year, t.presenter, p_sign * count(*) from topic t
    where t.issue_id = p_issue and t.presenter is not null group by t.presenter;
    insert into review_tag_topics (series, year, name, topics)
    select p_series, p_year, e.name, p_sign * count(*) from (
        -- the view's rule on the issue's topics only (the view itself would be computed for the whole archive first)
        select distinct t.id, tt.name from topic t join topic_tag tt on tt.topic_id = t.id
        where t.issue_id = p_issue and (tt.provenance = 'manual') = t.tags_edited) e
    group by e.name;
    if p_sign > 0 then
        insert into review_tag_topic (topic_id, name, series, year, length)
        select distinct t.id, tt.name, p_series, p_year, length(t.body) from topic t join topic_tag tt on tt.topic_id = t.id
        where t.issue_id = p_issue and (tt.provenance = 'manual') = t.tags_edited;
    else
        delete from review_tag_topic r using topic t where t.issue_id = p_issue and r.topic_id = t.id;
    end if;
    insert into review_presenter_tag_topics (series, year, presenter, name, topics)
    select p_series, p_year, e.presenter, e.name, p_sign * count(*) from (
        select distinct t.id, t.presenter, tt.name from topic t join topic_tag tt on tt.topic_id = t.id
        where t.issue_id = p_issue and t.presenter is not null and (tt.provenance = 'manual') = t.tags_edited) e
    group by e.presenter, e.name;
end $$;

create function review_counts_on_issue() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform review_count_issue(old.id, old.series, extract(year from old.published)::integer, -1);
        return old;
    end if;
    if new.series is distinct from old.series
            or extract(year from new.published) is distinct from extract(year from old.published) then
        perform review_count_issue(old.id, old.series, extract(year from old.published)::integer, -1);
        perform review_count_issue(new.id, new.series, extract(year from new.published)::integer, 1);
    end if;
    return new;
end $$;

create trigger review_counts after update on issue
    for each row execute function review_counts_on_issue();
-- BEFORE DELETE: the topics are still there (the cascade removes them after, and their triggers find no issue)
create trigger review_counts_delete before delete on issue
    for each row execute function review_counts_on_issue();

-- Counters are only ever appended to: updating one counter row again and again in one transaction (an import of a
-- year, the deletion of a series) would make every update walk a longer chain of row versions. A review sums the
-- rows of its keys; this folds the keys with several rows into one row each, one statement per table (rows appended
-- meanwhile by other transactions are not seen by its delete and stay), and drops the counters of deleted issues.
-- Run soon after archive writes and on a schedule (ReviewCounts).
create function review_counts_compact() returns void language plpgsql as $$
begin
    with folded as (select issue_id from review_issue_topics group by 1 having count(*) > 1),
    gone as (delete from review_issue_topics c using folded f where c.issue_id = f.issue_id returning c.*)
    insert into review_issue_topics (issue_id, topics)
    select g.issue_id, sum(g.topics) from gone g group by 1 having sum(g.topics) <> 0;
    delete from review_issue_topics c where not exists (select 1 from issue i where i.id = c.issue_id);
    with folded as (select series, year, presenter from review_presenter_topics group by 1, 2, 3 having count(*) > 1),
    gone as (
        delete from review_presenter_topics c using folded f
        where (c.series, c.year, c.presenter) = (f.series, f.year, f.presenter) returning c.*)
    insert into review_presenter_topics (series, year, presenter, topics)
    select series, year, presenter, sum(topics) from gone group by 1, 2, 3 having sum(topics) <> 0;
    with folded as (select series, year, name from review_tag_topics group by 1, 2, 3 having count(*) > 1),
    gone as (
        delete from review_tag_topics c using folded f
        where (c.series, c.year, c.name) = (f.series, f.year, f.name) returning c.*)
    insert into review_tag_topics (series, year, name, topics)
    select series, year, name, sum(topics) from gone group by 1, 2, 3 having sum(topics) <> 0;
    with folded as (
        select series, year, presenter, name from review_presenter_tag_topics group by 1, 2, 3, 4 having count(*) > 1),
    gone as (
        delete from review_presenter_tag_topics c using folded f
        where (c.series, c.year, c.presenter, c.name) = (f.series, f.year, f.presenter, f.name) returning c.*)
    insert into review_presenter_tag_topics (series, year, presenter, name, topics)
    select series, year, presenter, name, sum(topics) from gone group by 1, 2, 3, 4 having sum(topics) <> 0;
    delete from review_presenter_topics where topics = 0;
    delete from review_tag_topics where topics = 0;
    delete from review_presenter_tag_topics where topics = 0;
end $$;

-- every counter from scratch (after this migration, and after bulk loads that ran without triggers)
create function review_counts_rebuild() returns void language plpgsql as $$
begin
    truncate review_issue_topics, review_presenter_topics, review_tag_topics, review_presenter_tag_topics,
        review_tag_topic;
    insert into review_tag_topic (topic_id, name, series, year, length)
    select e.topic_id, e.name, i.series, extract(year from i.published)::integer, length(t.body)
    from topic_effective_tag e join topic t on t.id = e.topic_id join issue i on i.id = t.issue_id;
    insert into review_issue_topics (issue_id, topics) select issue_id, count(*) from topic group by issue_id;
    insert into review_presenter_topics (series, year, presenter, topics)
    select i.series, extract(year from i.published)::integer, t.presenter, count(*)
    from topic t join issue i on i.id = t.issue_id where t.presenter is not null group by 1, 2, 3;
    insert into review_tag_topics (series, year, name, topics)
    select i.series, extract(year from i.published)::integer, e.name, count(*)
    from topic_effective_tag e join topic t on t.id = e.topic_id join issue i on i.id = t.issue_id group by 1, 2, 3;
    insert into review_presenter_tag_topics (series, year, presenter, name, topics)
    select i.series, extract(year from i.published)::integer, t.presenter, e.name, count(*)
    from topic_effective_tag e join topic t on t.id = e.topic_id join issue i on i.id = t.issue_id
    where t.presenter is not null group by 1, 2, 3, 4;
end $$;

create function review_counts_on_truncate() returns trigger language plpgsql as $$
begin
    perform review_counts_rebuild();
    return null;
end $$;

create trigger review_counts_truncate after truncate on topic_tag
    for each statement execute function review_counts_on_truncate();
create trigger review_counts_truncate after truncate on topic
    for each statement execute function review_counts_on_truncate();
create trigger review_counts_truncate after truncate on issue
    for each statement execute function review_counts_on_truncate();

select review_counts_rebuild();
