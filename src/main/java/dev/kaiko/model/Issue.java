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

/** One weekly issue (a blog post, a Markdown file, an ISO week of a link feed). */
@Entity
public class Issue {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "issue_key", nullable = false, unique = true)
    public String key;

    @Column(nullable = false)
    public String series;

    public Integer number;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public LocalDate published;

    public String url;

    @Column(name = "source_file")
    public String sourceFile;

    @Column(name = "source_format")
    public String sourceFormat;

    /** Imported from the bundled demo archive; removed by one admin call (see archive.Curation). */
    @Column(nullable = false)
    public boolean demo;

    @OneToMany(mappedBy = "issue", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Topic> topics = new ArrayList<>();
}
