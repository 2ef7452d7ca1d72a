package io.syncms.platform.entity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the contract says about a member of a {@link Body} record beyond its Java type. Only on record
 * components: MicroProfile OpenAPI's own annotation would also land on the accessor, which Payara's
 * scanner takes for a setter and fails on.
 */
@Target(ElementType.RECORD_COMPONENT)
@Retention(RetentionPolicy.RUNTIME)
public @interface Doc {

    String value() default "";

    /** The values a string member takes (an enumeration). */
    String[] allowed() default {};

    /** A string's format, e.g. {@code date-time}. */
    String format() default "";

    /** A schema of the contract to use instead of the Java type's (e.g. {@code OneObject} for a JsonObject). */
    String ref() default "";

    boolean deprecated() default false;
}
