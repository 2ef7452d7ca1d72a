package io.syncms.store.control;

import io.syncms.store.control.ClosureCache.PersonClosure;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ReferenceKind;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClosureCacheTest {

    private static final String X = "1".repeat(64);
    private static final String Y = "2".repeat(64);
    private final ClosureCache cache = new ClosureCache();
    private final PersonClosure dependsOnX = new PersonClosure(List.of(new ClosureEntry(ReferenceKind.ID, X)),
            Set.of(new ClosureEntry(ReferenceKind.ID, X)), Set.of(X), 0);

    @Test
    void aResultIsKeptUnlessSomethingItDependsOnChangedWhileItWasComputed() {
        long computedAt = cache.generation();
        cache.invalidate(Y);
        cache.put("p", dependsOnX, computedAt);
        assertEquals(dependsOnX, cache.get("p"));

        computedAt = cache.generation();
        cache.invalidate(X);
        cache.put("q", dependsOnX, computedAt);
        assertNull(cache.get("q"));

        computedAt = cache.generation();
        cache.invalidateAll();
        cache.put("r", dependsOnX, computedAt);
        assertNull(cache.get("r"));
        assertNull(cache.get("p"));
    }

    @Test
    void invalidationDropsOnlyTheClosuresThatMetTheId() {
        cache.put("p", dependsOnX, cache.generation());
        cache.invalidate(Y);
        assertEquals(dependsOnX, cache.get("p"));
        cache.invalidate(X);
        assertNull(cache.get("p"));
    }

    @Test
    void tooManyInvalidationsMeanwhileRejectTheResult() {
        long computedAt = cache.generation();
        for (int i = 0; i < 2000; i++) {
            cache.invalidate(Y);
        }
        cache.put("p", dependsOnX, computedAt);
        assertNull(cache.get("p"));
    }
}
