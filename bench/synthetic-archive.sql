-- A synthetic archive for benchmarks: 5 years x 52 weekly issues, :topics topics (default 100,000), 1-3 tags each
-- from 300 technologies whose popularity drifts from year to year, 40 presenters, and a back-reference in 1 topic
-- of 50. Run against an empty Kaiko schema (search_path set by the caller); the index is rebuilt from it at start.
insert into issue (issue_key, series, number, title, published, source_file, source_format)
select 'bench weekly|#' || n, 'Bench Weekly', n, 'Bench Weekly (' || d || '号)', d, 'bench', 'bench'
from (select n, date '2021-01-08' + (n - 1) * 7 as d from generate_series(1, 260) n) s;

insert into topic (issue_id, topic_key, position, title, body, presenter, source_file, content_hash)
select i.id, md5('bench-' || t), t / 260,
       'Topic ' || t || ': tech-' || lpad(((t * 7919) % 300)::text, 3, '0') || ' の新しいリリースと運用の話',
       repeat('ベンチマーク用の本文です。Kubernetes と Go とデータベースの話題。', 4)
         || case when t % 50 = 0 then E'\n(Bench Weekly ' || (i.published - 7 * (1 + t % 20)) || '号)' else '' end,
       'presenter-' || (t % 40), 'bench', md5('bench-' || t)
from generate_series(1, :topics) t
join issue i on i.number = 1 + (t % 260);

-- popularity: tag k in year y weighted so that some technologies rise and others fall
insert into topic_tag (topic_id, name, provenance)
select distinct t.id, 'tech-' || lpad(k::text, 3, '0'), 'auto'
from topic t join issue i on i.id = t.issue_id,
     lateral (values (((t.id * 7919) % 300)::int),
                     (((t.id * 104729 + extract(year from i.published)::int * 13) % 120)::int),
                     (case when t.id % 3 = 0 then ((t.id * 31 + extract(year from i.published)::int) % 40)::int end)) v(k)
where k is not null;

-- a review counts only technologies the taxonomy knows: tech-NNN becomes the taxonomy's NNN-th name (:technologies,
-- '|'-separated, passed by bench/review-bench.sh); without it the review would have no technology and no highlight
update topic_tag set name = (string_to_array(:'technologies', '|'))[substr(name, 6)::int + 1]
where name like 'tech-%';
