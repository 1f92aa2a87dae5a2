package dev.kaiko.tagging;

import java.util.Collection;

/**
 * Fired inside the transaction that changed stored topics' tags (a manual edit, re-tagging), so derived data that
 * depends on tags (resolved citations, cached reviews) follows without tagging knowing who derives what.
 */
public record TopicTagsChanged(Collection<Long> topicIds) {}
