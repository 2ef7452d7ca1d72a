package io.syncms.fuzz;

/**
 * How long each fuzz target runs in fuzzing mode: {@code @FuzzTest(maxDuration)} takes a constant, so
 * it is written once here. The build's fuzz execution overrides it with {@code -Dfuzz.duration}
 * (Jazzer's {@code jazzer.max_duration}): 15 s per target in every {@code mvn verify}, as long as
 * wanted on demand. Without {@code JAZZER_FUZZ=1} the targets only replay their committed inputs.
 */
final class FuzzBudget {

    static final String PER_TARGET = "15s";

    private FuzzBudget() {
    }
}
