package dev.kaiko.model;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.type.SqlTypes;

/**
 * A topic somebody presented in a weekly issue. Its key is stable across re-imports, so re-importing updates it in
 * place; manual tags survive. Indexed for search: full-text title and body, facet fields for year, tags, presenter.
 */
@Entity
// Which fields the index holds is the index package's (TopicMapping); the marker stays here because Quarkus enables
// Hibernate Search only when it finds an @Indexed entity at build time.
@Indexed(index = "topics")
public class Topic {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "issue_id")
    public Issue issue;

    @Column(name = "topic_key", nullable = false, unique = true)
    public String key;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @Column(name = "body_html")
    public String bodyHtml;

    public String section;

    public String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] links = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] attributes = new String[0];

    /** Who presented the topic: the archive's {@link #archivePresenter}, or an admin's when {@link #presenterEdited}. */
    public String presenter;

    /** What the archive says about the presenter (null: nothing); re-imports keep it current. */
    @Column(name = "archive_presenter")
    public String archivePresenter;

    /** An admin named the presenter: re-imports leave {@link #presenter} alone (like manual tags). */
    @Column(name = "presenter_edited", nullable = false)
    public boolean presenterEdited;

    /** The file this topic was last imported from; re-importing a file removes only its own vanished topics. */
    @Column(name = "source_file")
    public String sourceFile;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    /** Once somebody edited the tags, the manual set is the topic's tag set; auto and archive tags stay as provenance. */
    @Column(name = "tags_edited", nullable = false)
    public boolean tagsEdited;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    /** The normalised main link ({@link LinkKey#ofTopic}): topics sharing it shared the same link. Null: no link. */
    @Column(name = "link_key")
    public String linkKey;

    /** The normalised title ({@link TitleKey#normalise}); null only on rows not yet derived (see TopicKeys). */
    @Column(name = "title_key")
    public String titleKey;

    /**
     * Derives the keys on every JPA write, whichever code path writes the topic; rows written otherwise are filled
     * by TopicKeys at start and after imports.
     */
    @PrePersist
    @PreUpdate
    void deriveKeys() {
        linkKey = LinkKey.ofTopic(url, links);
        titleKey = TitleKey.normalise(title);
        if (!presenterEdited) {
            archivePresenter = presenter; // unedited, the presenter is the archive's
        }
    }

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "topic_tag", joinColumns = @JoinColumn(name = "topic_id"))
    public Set<TopicTag> tags = new LinkedHashSet<>();

    /** The tags people see and facet on: the manual set once edited, else auto and archive tags together. */
    public Set<String> getEffectiveTags() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (TopicTag t : tags) {
            if (tagsEdited == TopicTag.MANUAL.equals(t.provenance)) {
                names.add(t.name);
            }
        }
        return names;
    }

    public int getYear() {
        return issue.published.getYear();
    }

    /** Date used for sorting and ranges; the issue's publication date. */
    public java.time.LocalDate getDate() {
        return issue.published;
    }

    public List<String> linkList() {
        return links == null ? List.of() : List.of(links);
    }

    public static String excerpt(String text, int max) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }
}
