package io.syncms.platform.entity;

import java.util.List;

/**
 * One kind of problem the API answers with. Each feature lists its kinds in one enum, so a code or a type
 * is written once; the page {@code /problems/} documents each of them ({@code ProblemDocsTest} keeps the
 * enums and the page in step), and the type URI {@code /problems/<path>} leads there.
 */
public interface ProblemType {

    /** Relative to the instance that answered: it serves the documentation of every type there. */
    String BASE = "/problems/";

    /** Status, path, title and codes, held once per type. */
    ProblemSpec spec();

    default int status() {
        return spec().status();
    }

    /** {@code chum/not-found}: the type is {@code /problems/chum/not-found}, its section {@code id="chum/not-found"}. */
    default String path() {
        return spec().path();
    }

    default String title() {
        return spec().title();
    }

    /**
     * The codes a problem of this type carries, the usual one first. A family whose member the failure names
     * (one.core's codes for a rejected object) is written with a trailing {@code *}: {@code O2M-*}.
     */
    default List<String> codes() {
        return spec().codes();
    }

    /** The code a problem of this type carries unless its failure brings its own. */
    default String code() {
        return codes().get(0);
    }

    default String uri() {
        return BASE + path();
    }
}
