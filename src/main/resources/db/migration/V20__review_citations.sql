-- Back-references between issues, as written in topic bodies: "(Neco Weekly 2023-03-17号、Neco Weekly 2023-09-22号)".
-- One row per citation found in a topic; derived from topic.body (dev.kaiko.review.Citations rebuilds it after every
-- import), resolved to issues and topics when a year in review is computed, so a cited issue imported later counts.
create table topic_citation (
    citing_topic_id bigint not null references topic (id) on delete cascade,
    series_key      text   not null,  -- lower-cased series with single spaces, as compared with issue.series
    cited_date      date   not null,
    primary key (citing_topic_id, series_key, cited_date)
);
create index topic_citation_cited_idx on topic_citation (cited_date, series_key);
