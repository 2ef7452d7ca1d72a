package io.syncms.platform.entity;

/** One thing wrong with a request: the member or parameter ({@code slaves[2]}, {@code query after}) and what is wrong with it. */
public record Violation(String field, String message) {}
