-- The tags people see on a topic, defined once: the manual set once somebody edited the topic's tags, else its auto
-- and archive tags together (one row per name). Pages, the tag catalogue, citations and reviews read this view; the
-- Topic entity applies the same rule to the tags it has loaded (EffectiveTagsTest checks the two agree).
create view topic_effective_tag as
select distinct tt.topic_id, tt.name
from topic_tag tt join topic t on t.id = tt.topic_id
where (tt.provenance = 'manual') = t.tags_edited;
