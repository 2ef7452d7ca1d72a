package io.syncms.security.boundary;

import io.syncms.security.control.ApiTokenFile;
import io.syncms.platform.control.ConfigKeys;
import io.syncms.security.control.ApiTokenSource;
import io.syncms.security.control.Authenticator;
import io.syncms.security.control.JwtVerifier;
import io.syncms.security.entity.Caller;
import io.syncms.security.entity.JwtSettings;
import io.syncms.security.entity.SecurityMisconfiguredException;
import io.syncms.store.boundary.StoreRuntime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The credentials the REST API accepts, set up once when the application starts (so the log says at
 * once where the token is): the API token ({@code SYNCMS_API_TOKEN}, {@code api.token}, else a token
 * generated into {@code <one.store.dir>/api-token}) and, when a verification key is configured, JWTs
 * with MicroProfile JWT's {@code mp.jwt.verify.*} settings. Settings that cannot be used make every
 * call fail with 503 and readiness DOWN, never a weaker fallback.
 */
@ApplicationScoped
public class ApiSecurity {

    private static final Logger LOG = Logger.getLogger(ApiSecurity.class.getName());

    @Inject
    Config config;

    @Inject
    StoreRuntime store;

    private volatile Authenticator authenticator;
    private volatile SecurityMisconfiguredException failure;

    void setUpAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            authenticator();
        } catch (SecurityMisconfiguredException e) {
            // logged when it happened; every call answers 503 and readiness says so
        }
    }

    /** @throws io.syncms.security.entity.UnauthenticatedException if the credential is missing or not valid */
    public Caller authenticate(String authorization) {
        return authenticator().authenticate(authorization);
    }

    /** Whether the credentials are set up; empty if they are, else why not (for readiness). */
    public Optional<String> problem() {
        try {
            authenticator();
            return Optional.empty();
        } catch (SecurityMisconfiguredException e) {
            return Optional.of("the API credential settings cannot be used; the server log says why");
        }
    }

    /** A key derived from the API token for {@code purpose}: the same on every instance with the same token. */
    public byte[] derivedKey(String purpose) {
        return authenticator().derivedKey(purpose);
    }

    public boolean acceptsJwt() {
        return authenticator().acceptsJwt();
    }

    private Authenticator authenticator() {
        Authenticator ready = authenticator;
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            if (authenticator == null && failure == null) {
                try {
                    authenticator = build();
                } catch (SecurityMisconfiguredException e) {
                    LOG.log(Level.SEVERE, "The REST API refuses every call until this is fixed: " + e.getMessage(), e);
                    failure = e;
                }
            }
            if (authenticator == null) {
                throw failure;
            }
            return authenticator;
        }
    }

    private Authenticator build() {
        ApiTokenSource.Resolved token = ApiTokenSource.resolve(Optional.ofNullable(System.getenv(ApiTokenSource.ENVIRONMENT_VARIABLE)),
                ConfigKeys.read(config, ApiTokenSource.CONFIG_PROPERTY, ApiTokenSource.LEGACY_CONFIG_PROPERTY, String.class),
                new ApiTokenFile(store.directory().resolve(ApiTokenFile.NAME)));
        JwtSettings jwt = jwtSettings();
        Optional<JwtVerifier> verifier = jwt.enabled() ? Optional.of(new JwtVerifier(jwt, Clock.systemUTC())) : Optional.empty();
        LOG.info(() -> "REST API: every call below /api (but the Chum protocol) needs Authorization: Bearer <token>; "
                + "the API token is from " + token.origin()
                + (jwt.enabled() ? "; JWTs of issuer " + jwt.issuer().orElseThrow() + " (" + jwt.algorithm() + ") are accepted too"
                        : "; JWTs are not accepted (no mp.jwt.verify.publickey or mp.jwt.verify.publickey.location)"));
        return new Authenticator(token.token(), verifier);
    }

    private JwtSettings jwtSettings() {
        try {
            return new JwtSettings(text("mp.jwt.verify.publickey"), text("mp.jwt.verify.publickey.location"),
                    text("mp.jwt.verify.publickey.algorithm").orElse(JwtSettings.DEFAULT_ALGORITHM),
                    text("mp.jwt.verify.issuer"),
                    text("mp.jwt.verify.audiences").map(ApiSecurity::commaList).orElse(Set.of()),
                    text("mp.jwt.verify.clock.skew").map(ApiSecurity::seconds).orElse(JwtSettings.DEFAULT_CLOCK_SKEW),
                    text("mp.jwt.verify.token.age").map(ApiSecurity::seconds));
        } catch (NumberFormatException e) {
            throw new SecurityMisconfiguredException("mp.jwt.verify.clock.skew and mp.jwt.verify.token.age are seconds: "
                    + e.getMessage());
        }
    }

    private Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Set<String> commaList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).collect(Collectors.toSet());
    }

    private static Duration seconds(String value) {
        return Duration.ofSeconds(Long.parseLong(value));
    }
}
