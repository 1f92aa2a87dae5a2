-- Curation (dev.kaiko.archive.Curation): presenters named by an admin, and the demo archive marked as such.

-- topic.presenter stays the presenter everybody reads (index, pages, reviews). An admin may set it by hand: then
-- presenter_edited is true and re-imports leave presenter alone, as they leave manual tags alone; archive_presenter
-- always holds what the archive itself says, so clearing the edit brings it back.
alter table topic add column archive_presenter text;
alter table topic add column presenter_edited boolean not null default false;
update topic set archive_presenter = presenter;

-- Issues imported from the bundled demo archive (first start of an empty instance); DELETE /api/demo removes them.
-- A real import of the same issue makes it real (demo = false).
alter table issue add column demo boolean not null default false;
create index issue_demo_idx on issue (id) where demo;
-- An instance that imported the demo before this migration: its issues from the bundled files' names are the demo.
update issue set demo = true
where series = 'Kaiko Weekly' and source_format is not null and source_file in (
    'kaiko-weekly-2024-01-12.txt', 'kaiko-weekly-2024-02-09.txt', 'kaiko-weekly-2024-03-15.txt', 'kaiko-weekly-2024-05-17.txt', 'kaiko-weekly-2024-09-13.txt', 'kaiko-weekly-2024-12-20.txt', 'kaiko-weekly-2025-01-17.md', 'kaiko-weekly-2025-03-14.md', 'kaiko-weekly-2025-05-16.md', 'kaiko-weekly-2025-07-11.md', 'kaiko-weekly-2025-10-10.md', 'kaiko-weekly-2025-12-19.md');

-- Facts about the archive as a whole, by name: 'demo-removed' keeps an emptied instance from importing the demo
-- again at its next start.
create table archive_setting (
    name       text        primary key,
    value      text,
    updated_at timestamptz not null default now()
);
