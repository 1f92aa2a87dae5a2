package dev.kaiko.archive;

import java.time.LocalDate;
import java.util.List;

/**
 * One weekly issue as a reader found it in an archive file. Readers know formats, nothing about storage:
 * the importer turns this into stored issues and topics.
 *
 * @param series the weekly's name ("Neco Weekly", "This Week in Rust", "JSer.info"); never blank
 * @param number the issue number when the archive states one, else null
 * @param title  the issue's title
 * @param date   the publication date; required, since years and ordering hang off it
 * @param url    the original address of the issue, when known
 * @param topics the topics in archive order
 */
public record ParsedIssue(
        String series, Integer number, String title, LocalDate date, String url, List<ParsedTopic> topics) {

    public ParsedIssue {
        topics = List.copyOf(topics);
    }
}
