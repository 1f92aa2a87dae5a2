package dev.kaiko.tagging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The taxonomy Kaiko uses right now: the configured one (shipped or {@code kaiko.tagging.taxonomy}, plus
 * {@code kaiko.tagging.taxonomy-extension}) plus the aliases admins stored in the database ({@link TaxonomyAliases}).
 * An alias change swaps taxonomy and tagger together, atomically, without a restart: here at once, and on every other
 * instance sharing the database within {@code kaiko.tagging.alias-check-every} (each compares the version row with the
 * one its taxonomy was built from). Long-lived beans ask {@link #taxonomy()} / {@link #tagger()} at each use rather
 * than keeping a Taxonomy.
 */
@ApplicationScoped
@Startup
public class TaxonomyInUse {

    private static final Logger LOG = Logger.getLogger(TaxonomyInUse.class);

    /** What one version of the alias table gives; replaced whole, never changed. */
    private record State(long version, Taxonomy taxonomy, TechnologyTagger tagger, int aliases) {}

    @Inject
    EntityManager em;

    @Inject
    TaggingConfig config;

    private Taxonomy configured;
    private volatile State state;

    /** An invalid taxonomy file fails the start (hence @Startup), with a message naming the entry. */
    @PostConstruct
    void init() {
        configured = Tagging.load(config.taxonomy(), config.taxonomyExtension());
        LOG.infof(
                "Technology taxonomy loaded: %d technologies%s%s",
                configured.technologies().size(),
                config.taxonomy().map(p -> " from " + p).orElse(" (default)"),
                config.taxonomyExtension().map(p -> ", extended by " + p).orElse(""));
    }

    public Taxonomy taxonomy() {
        return state().taxonomy();
    }

    public TechnologyTagger tagger() {
        return state().tagger();
    }

    /** The shipped/configured taxonomy, without database aliases: what an alias must not contradict. */
    public Taxonomy configured() {
        return configured;
    }

    private State state() {
        State s = state;
        if (s == null) {
            synchronized (this) {
                if (state == null) {
                    state = load();
                }
                s = state;
            }
        }
        return s;
    }

    /** Rebuilds from the database if an alias changed since this taxonomy was built (here or on another instance). */
    @Scheduled(
            every = "${kaiko.tagging.alias-check-every:5s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        try {
            long version = QuarkusTransaction.requiringNew().call(this::version);
            if (state == null || state.version() != version) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "Taxonomy version check failed; the taxonomy in use stays");
        }
    }

    /** Reads the aliases again and swaps (after a write through this instance). */
    public synchronized void reload() {
        State before = state;
        state = load();
        if (before != null && before.version() != state.version()) {
            LOG.infof("Taxonomy rebuilt with %d database aliases (version %d)", state.aliases(), state.version());
        }
    }

    private long version() {
        return ((Number) em.createNativeQuery("select value from taxonomy_version")
                        .getSingleResult())
                .longValue();
    }

    @SuppressWarnings("unchecked")
    private State load() {
        return QuarkusTransaction.requiringNew().call(() -> {
            // version first: an alias committed between the two reads makes the next check rebuild again, never miss
            long version = version();
            List<Object[]> rows = em.createNativeQuery(
                            "select technology, alias from taxonomy_alias order by created_at, alias_key")
                    .getResultList();
            Map<String, List<String>> aliases = new LinkedHashMap<>();
            int count = 0;
            for (Object[] r : rows) {
                String technology = (String) r[0];
                String alias = (String) r[1];
                // a changed taxonomy file may since know the technology no more, or know the spelling itself
                if (!configured.isCanonical(technology)
                        || configured.find(alias).isPresent()) {
                    LOG.warnf(
                            "Database alias '%s' of '%s' ignored: the configured taxonomy contradicts it",
                            alias, technology);
                    continue;
                }
                aliases.computeIfAbsent(technology, k -> new ArrayList<>()).add(alias);
                count++;
            }
            Taxonomy taxonomy = configured.withAliases(aliases);
            return new State(version, taxonomy, new TechnologyTagger(taxonomy), count);
        });
    }
}
