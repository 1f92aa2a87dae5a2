package dev.kaiko.model;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A technology tag on a topic and where it came from: "auto" (taxonomy), "archive" (imported) or "manual". */
@Embeddable
public class TopicTag implements Serializable {

    public static final String AUTO = "auto";
    public static final String ARCHIVE = "archive";
    public static final String MANUAL = "manual";

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String provenance;

    protected TopicTag() {}

    public TopicTag(String name, String provenance) {
        this.name = name;
        this.provenance = provenance;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicTag t && t.name.equals(name) && t.provenance.equals(provenance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, provenance);
    }
}
