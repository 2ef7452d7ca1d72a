package io.syncms.security.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A REST resource that authenticates its callers by its own means, so the API credential is neither
 * asked for nor checked: the Chum protocol (a signed handshake, then session tokens). Its path must
 * be listed in {@link ApiAuthentication#SELF_AUTHENTICATING}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AuthenticatesItself {
}
