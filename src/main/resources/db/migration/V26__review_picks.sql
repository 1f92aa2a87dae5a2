-- Topics an admin picked to lead a year's review, in order, each with an optional note. The year is the topic's
-- issue's year (a topic is picked for the year it was shared in), so it is not stored twice. Topic ids survive
-- re-imports (an unchanged or edited topic keeps its row), so picks do too; deleting a topic deletes its pick.
create table review_pick (
    topic_id   bigint  primary key references topic (id) on delete cascade,
    position   integer not null,
    note       text
);
