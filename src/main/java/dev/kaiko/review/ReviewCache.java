package dev.kaiko.review;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Computed reviews (and the year list), kept until the archive changes. A value computed while an import was
 * invalidating is not kept: it may predate the import.
 */
@ApplicationScoped
class ReviewCache {

    private final Map<Object, Object> entries = new ConcurrentHashMap<>();
    private long generation;

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> compute) {
        Object cached = entries.get(key);
        if (cached != null) {
            return (T) cached;
        }
        long before;
        synchronized (this) {
            before = generation;
        }
        T value = compute.get();
        synchronized (this) {
            if (value != null && generation == before) {
                entries.put(key, value);
            }
        }
        return value;
    }

    synchronized void invalidateAll() {
        generation++;
        entries.clear();
    }
}
