package dev.kaiko.review;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;

/**
 * Computed reviews (and the year list), kept in a Quarkus cache ({@code kaiko-reviews}) until the archive changes.
 * Keys carry a generation that every invalidation advances, so a value computed while an import was invalidating
 * (it may predate the import) is stored under a key nobody asks for again.
 */
@ApplicationScoped
class ReviewCache {

    private record Key(long generation, Object key) {}

    private final AtomicLong generation = new AtomicLong();

    @CacheName("kaiko-reviews")
    Cache cache;

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> compute) {
        // the cache holds Optionals: a year without topics is an answer worth keeping too
        return ((java.util.Optional<T>)
                        cache.get(new Key(generation.get(), key), k -> java.util.Optional.ofNullable(compute.get()))
                                .await()
                                .indefinitely())
                .orElse(null);
    }

    void invalidateAll() {
        generation.incrementAndGet();
        cache.invalidateAll().await().indefinitely();
    }
}
