package dev.kaiko.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;

import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;

/** One weekly issue (a blog post, a Markdown file, an ISO week of a link feed). */
@Entity
public class Issue {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @GenericField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public Long id;

    @Column(name = "issue_key", nullable = false, unique = true)
    public String key;

    @Column(nullable = false)
    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String series;

    @GenericField(projectable = Projectable.YES, sortable = Sortable.YES)
    public Integer number;

    @KeywordField(projectable = Projectable.YES, searchable = org.hibernate.search.engine.backend.types.Searchable.NO)
    @Column(nullable = false)
    public String title;

    @GenericField(projectable = Projectable.YES, sortable = Sortable.YES)
    @Column(nullable = false)
    public LocalDate published;

    public String url;

    @Column(name = "source_file")
    public String sourceFile;

    @Column(name = "source_format")
    public String sourceFormat;

    @OneToMany(mappedBy = "issue", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Topic> topics = new ArrayList<>();
}
