package dev.kaiko.model;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A tag people see on a topic (the view {@code topic_effective_tag}: the manual set once edited, else auto and
 * archive tags), for queries that join topics to their visible tags. Read-only.
 */
@Entity
@Immutable
@Table(name = "topic_effective_tag")
@IdClass(EffectiveTag.Key.class)
public class EffectiveTag {

    public record Key(Long topicId, String name) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "topic_id")
    public Long topicId;

    @Id
    public String name;
}
