-- Back-references between issues, as written in topic bodies: "(Neco Weekly 2023-03-17号、Neco Weekly 2023-09-22号)".
-- Derived data: dev.kaiko.review.Citations rebuilds both tables from topic bodies and tags after every import (so a
-- cited issue imported later still resolves), and at start.

-- One row per citation found in a topic.
create table topic_citation (
    citing_topic_id bigint not null references topic (id) on delete cascade,
    series_key      text   not null,  -- lower-cased series with single spaces, as compared with issue.series
    cited_date      date   not null,
    primary key (citing_topic_id, series_key, cited_date)
);

-- Citations resolved to the topics they refer to (see Citations for the rule).
create table topic_reference (
    cited_topic_id  bigint  not null references topic (id) on delete cascade,
    citing_topic_id bigint  not null references topic (id) on delete cascade,
    cited_year      integer not null,                                      -- the cited topic's year: reviews read by it
    citing_issue_id bigint  not null references issue (id) on delete cascade,
    primary key (cited_topic_id, citing_topic_id)
);
create index topic_reference_year_idx on topic_reference (cited_year, cited_topic_id);
create index topic_reference_citing_idx on topic_reference (citing_topic_id);
