-- A synthetic archive for benchmarks: 5 years x 52 weekly issues, :topics topics (default 100,000), 1-3 tags each
-- from 300 technologies whose popularity drifts from year to year, 40 presenters, and a back-reference in 1 topic
-- of 50. Titles and bodies combine subjects and sentences (Japanese with English product names) chosen by the topic
-- number, so that searches find different subsets. Set-based: 1,000,000 topics in a few minutes.
-- Run against an empty Kaiko schema (search_path set by the caller); the index is rebuilt from it at start.
-- without the review counters' row triggers (and foreign-key checks) while loading: the counters are rebuilt once at
-- the end (review_counts_rebuild, migration V31), which is what the triggers would have reached row by row
set session_replication_role = replica;

insert into issue (issue_key, series, number, title, published, source_file, source_format)
select 'bench weekly|#' || n, 'Bench Weekly', n, 'Bench Weekly (' || d || '号)', d, 'bench', 'bench'
from (select n, date '2021-01-08' + (n - 1) * 7 as d from generate_series(1, 260) n) s;

insert into topic (issue_id, topic_key, position, title, body, presenter, source_file, content_hash)
select i.id, md5('bench-' || t), t / 260,
       'Topic ' || t || ': ' || subj[1 + (t * 7) % 20] || ' と tech-' || lpad(((t::bigint * 7919) % 300)::text, 3, '0')
         || ' ' || tail[1 + (t * 13) % 8],
       sent[1 + t % 24] || sent[1 + (t / 24 * 5 + 3) % 24] || sent[1 + (t / 576 * 7 + 11) % 24]
         || case when t % 2 = 0 then sent[1 + (t / 7 + 1) % 24] else '' end
         || case when t % 50 = 0 then E'\n(Bench Weekly ' || (i.published - 7 * (1 + t % 20)) || '号)' else '' end,
       'presenter-' || (t % 40), 'bench', md5('bench-' || t)
from generate_series(1, :topics) t
join issue i on i.number = 1 + (t % 260),
     (select array['Kubernetes', 'コンテナセキュリティ', '入門 eBPF', 'React', 'パフォーマンス改善', 'Rust', 'Go',
                   'PostgreSQL', 'MySQL', 'サイドカー', 'OpenTelemetry', 'service mesh', 'ブラウザ', 'JavaScript',
                   '分散システム', 'observability', 'データベース', 'CI/CD', 'Terraform', 'LLM'] as subj,
             array['の新しいリリース', 'の運用の話', 'を試す', 'の設計と実装', 'の限界', 'at scale',
                   'in production', 'の導入事例'] as tail,
             array['Kubernetes のクラスタを大規模に運用した経験を紹介します。',
                   'コンテナイメージのセキュリティスキャンを CI に組み込みました。',
                   'eBPF を使ってカーネルの挙動を観測する入門記事です。',
                   'React のレンダリングを見直してパフォーマンスを改善した話です。',
                   'Rust で書き直したところメモリ使用量が半分になりました。',
                   'Go の並行処理でデータベースへの接続を使い回します。',
                   'PostgreSQL のインデックス設計とクエリの実行計画を読み解きます。',
                   'MySQL から別のデータベースへ移行したときの注意点です。',
                   'Sidecar containers が Kubernetes で正式に使えるようになりました。',
                   'OpenTelemetry でトレースとメトリクスを集めて observability を高めます。',
                   'A service mesh adds mutual TLS between services without code changes. ',
                   'ブラウザで動く JavaScript のバンドルサイズを削減しました。',
                   '分散システムの設計と実装で気をつけるべき合意と障害の扱い。',
                   'Terraform のモジュールを整理してインフラの変更を安全にしました。',
                   'LLM を使って社内ドキュメントの検索を試しました。',
                   'The release notes list breaking changes in the new API version. ',
                   '新しいリリースでは設定ファイルの形式が変わりました。',
                   'CI/CD のパイプラインを短くしてデプロイの待ち時間を減らしました。',
                   'Observability tools help find slow requests before users notice. ',
                   '障害の振り返りから監視のしきい値を見直しました。',
                   'Redis のキャッシュを入れてレスポンスを速くしました。',
                   'We benchmarked the database under concurrent load. ',
                   'ゼロトラストの考え方でネットワークの境界を見直します。',
                   'セキュリティパッチの適用を自動化しました。'] as sent) words;

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
-- (bench/scaling-curve.sh and bench/pg-only-search.sh pass none: there the tags stay labels tech-NNN)
\if :{?technologies}
update topic_tag set name = (string_to_array(:'technologies', '|'))[substr(name, 6)::int + 1]
where name like 'tech-%';
\endif

set session_replication_role = origin;
-- (a schema without Kaiko's review counters, such as bench/pg-only-search.sh's, has nothing to rebuild)
select to_regproc('review_counts_rebuild') is not null as has_review_counts \gset
\if :has_review_counts
select review_counts_rebuild();
\endif
