package io.syncms.platform.control;

import io.syncms.platform.entity.Problem;

/**
 * A feature's knowledge of its own failures: turns those it knows into problems and returns {@code null}
 * for the rest. Implementations are CDI beans; the platform's exception mapper asks each of them.
 */
public interface ProblemTranslator {

    Problem translate(Throwable failure);
}
