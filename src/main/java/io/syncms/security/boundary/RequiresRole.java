package io.syncms.security.boundary;

import io.syncms.security.entity.Role;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles of which a caller needs one to call a REST resource method (on a method, or on a class for
 * all its methods; a method's annotation wins). A method with neither needs {@link Role#ADMIN}.
 *
 * <p>The module's own annotation rather than {@code @RolesAllowed}: Payara installs its own filter for
 * that one, which answers with the container's HTML login challenge.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {

    Role[] value();
}
