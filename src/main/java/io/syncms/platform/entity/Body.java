package io.syncms.platform.entity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record that is a request or response body of the API: its schema in {@code /openapi} is made from
 * the record itself ({@code RecordSchemas}), under {@link #name()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Body {

    /** The schema's name in the contract (and in a generated client). */
    String name();

    String description() default "";
}
