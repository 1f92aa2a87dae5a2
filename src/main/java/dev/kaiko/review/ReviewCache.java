package dev.kaiko.review;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.kaiko.model.ArchiveGeneration;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;

/**
 * Computed reviews (and the year list), kept in a Quarkus cache ({@code kaiko-reviews}) until the archive changes.
 * Keys carry a generation that every invalidation advances, so a value computed while an import was invalidating
 * (it may predate the import) is stored under a key nobody asks for again. Keys also carry the database's
 * {@link ArchiveGeneration}, so a change made through another instance sharing the database (a tag edit, an import,
 * an index batch it applied) is not answered from this instance's cache.
 */
@ApplicationScoped
class ReviewCache {

    private record Key(long generation, long shared, Object key) {}

    private final AtomicLong generation = new AtomicLong();

    @Inject
    ArchiveGeneration shared;

    @CacheName("kaiko-reviews")
    Cache cache;

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> compute) {
        // the cache holds Optionals: a year without topics is an answer worth keeping too
        return ((java.util.Optional<T>) cache.get(
                                new Key(generation.get(), shared.current(), key),
                                k -> java.util.Optional.ofNullable(compute.get()))
                        .await()
                        .indefinitely())
                .orElse(null);
    }

    void invalidateAll() {
        generation.incrementAndGet();
        cache.invalidateAll().await().indefinitely();
    }
}
