package dev.kaiko.tagging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.kaiko.jobs.BackgroundJobs;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Aliases admins add to technologies (typically a word readers searched for and found nothing): stored in the
 * database, applied at once by rebuilding the taxonomy in use ({@link TaxonomyInUse}), then every topic is re-tagged
 * as a job (topics whose text has the new spelling get the technology; hand-edited tag lists stay as edited).
 *
 * <p>One spelling belongs to one technology: the table's key is the taxonomy's look-up key of the spelling, so of two
 * admins adding the same spelling at once one wins and the other gets a conflict, on any instance.
 */
@ApplicationScoped
public class TaxonomyAliases {

    /** Long enough for any product name, short enough that it is not a sentence. */
    public static final int MAX_LENGTH = 80;

    @Inject
    EntityManager em;

    @Inject
    TaxonomyInUse taxonomies;

    @Inject
    TagEditor editor;

    @Inject
    BackgroundJobs jobs;

    private volatile BackgroundJobs.Status pendingRetag;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Alias(
            String technology,
            String alias,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            BackgroundJobs.Status retag) {}

    @SuppressWarnings("unchecked")
    public List<Alias> list() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) em.createNativeQuery(
                                        "select technology, alias, created_at from taxonomy_alias order by technology, alias")
                                .getResultList())
                        .stream()
                                .map(r -> new Alias((String) r[0], (String) r[1], createdAt(r[2]), null))
                                .toList());
    }

    /**
     * Stores {@code alias} as a spelling of {@code technology} (canonical name or a spelling of it), rebuilds the
     * taxonomy and starts re-tagging. Throws {@link AliasException}: 400-like for a bad value, conflict when the
     * spelling is already a technology's.
     */
    public Alias add(String technology, String alias) {
        String spelling = TextNormalizer.nfkc(alias == null ? "" : alias).replace('\n', ' ');
        if (spelling.isEmpty()) {
            throw AliasException.invalid("alias", "is empty");
        }
        if (spelling.length() > MAX_LENGTH) {
            throw AliasException.invalid("alias", "is longer than " + MAX_LENGTH + " characters");
        }
        if (spelling.chars().anyMatch(Character::isISOControl)) {
            throw AliasException.invalid("alias", "contains control characters");
        }
        String key = Taxonomy.spellingKey(spelling);
        if (key.isBlank() || key.chars().noneMatch(Character::isLetterOrDigit)) {
            throw AliasException.invalid("alias", "has no letter or digit");
        }
        if (technology == null || technology.isBlank()) {
            throw AliasException.invalid("technology", "is missing");
        }
        Taxonomy current = taxonomies.taxonomy();
        Technology target = current.find(technology.strip())
                .orElseThrow(() -> AliasException.invalid(
                        "technology", "names no technology the taxonomy knows: '" + technology.strip() + "'"));
        current.find(spelling).ifPresent(owner -> {
            throw owned(spelling, owner.name(), target.name());
        });
        Optional<OffsetDateTime> stored = QuarkusTransaction.requiringNew().call(() -> {
            // on a clash the insert waits for the other writer's commit, then inserts nothing: exactly one wins
            @SuppressWarnings("unchecked")
            List<Object> created = em.createNativeQuery(
                            "insert into taxonomy_alias (alias_key, alias, technology) values (:key, :alias, :tech) "
                                    + "on conflict (alias_key) do nothing returning created_at")
                    .setParameter("key", key)
                    .setParameter("alias", spelling)
                    .setParameter("tech", target.name())
                    .getResultList();
            if (created.isEmpty()) {
                return Optional.<OffsetDateTime>empty();
            }
            em.createNativeQuery("update taxonomy_version set value = value + 1")
                    .executeUpdate();
            return Optional.of(createdAt(created.get(0)));
        });
        if (stored.isEmpty()) {
            String owner = QuarkusTransaction.requiringNew()
                    .call(() -> (String)
                            em.createNativeQuery("select technology from taxonomy_alias where alias_key = :key")
                                    .setParameter("key", key)
                                    .getResultStream()
                                    .findFirst()
                                    .orElse("another technology"));
            throw owned(spelling, owner, target.name());
        }
        taxonomies.reload();
        return new Alias(target.name(), spelling, stored.get(), retag());
    }

    /** Removes a stored alias (given in any spelling with the same key); re-tags. Empty if there was none. */
    public Optional<Alias> remove(String alias) {
        String key = Taxonomy.spellingKey(alias == null ? "" : alias);
        if (key.isBlank()) {
            throw AliasException.invalid("alias", "is empty");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> removed = QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery(
                            "delete from taxonomy_alias where alias_key = :key returning technology, alias, created_at")
                    .setParameter("key", key)
                    .getResultList();
            if (!rows.isEmpty()) {
                em.createNativeQuery("update taxonomy_version set value = value + 1")
                        .executeUpdate();
            }
            return rows;
        });
        if (removed.isEmpty()) {
            return Optional.empty();
        }
        taxonomies.reload();
        Object[] r = removed.get(0);
        return Optional.of(new Alias((String) r[0], (String) r[1], createdAt(r[2]), retag()));
    }

    private static AliasException owned(String spelling, String owner, String wanted) {
        return AliasException.conflict(
                owner.equals(wanted)
                        ? "'" + spelling + "' is already a spelling of " + owner
                        : "'" + spelling + "' is already a spelling of another technology, " + owner
                                + "; remove it there first");
    }

    /**
     * One re-tagging for a burst of alias changes: a job still queued re-tags with the taxonomy in use when it starts,
     * so it covers this change too.
     */
    private synchronized BackgroundJobs.Status retag() {
        BackgroundJobs.Status pending =
                pendingRetag == null ? null : jobs.status(pendingRetag.id()).orElse(null);
        if (pending != null && "queued".equals(pending.state())) {
            return pending;
        }
        pendingRetag = editor.retagAll();
        return pendingRetag;
    }

    private static OffsetDateTime createdAt(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return null;
    }
}
