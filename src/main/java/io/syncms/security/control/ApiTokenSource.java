package io.syncms.security.control;

import java.util.Optional;

/**
 * Where the API token comes from, in this order: the environment variable {@code SYNCMS_API_TOKEN},
 * the MicroProfile Config property {@code syncms.api.token} (or the older {@code api.token}), else the instance's token file (generated at the
 * first start).
 */
public final class ApiTokenSource {

    /** The token and a description of its origin for the log (never the token itself). */
    public record Resolved(ApiToken token, String origin) {
    }

    public static final String ENVIRONMENT_VARIABLE = "SYNCMS_API_TOKEN";
    public static final String CONFIG_PROPERTY = "syncms.api.token";
    /** The name of the first releases, still read. */
    public static final String LEGACY_CONFIG_PROPERTY = "api.token";

    private ApiTokenSource() {
    }

    public static Resolved resolve(Optional<String> environment, Optional<String> config, ApiTokenFile file) {
        Optional<String> fromEnvironment = environment.map(String::strip).filter(token -> !token.isEmpty());
        if (fromEnvironment.isPresent()) {
            return new Resolved(ApiToken.of(fromEnvironment.get(), ENVIRONMENT_VARIABLE),
                    "the environment variable " + ENVIRONMENT_VARIABLE);
        }
        Optional<String> fromConfig = config.map(String::strip).filter(token -> !token.isEmpty());
        if (fromConfig.isPresent()) {
            return new Resolved(ApiToken.of(fromConfig.get(), CONFIG_PROPERTY), "the setting " + CONFIG_PROPERTY);
        }
        boolean existed = file.exists();
        ApiToken token = ApiToken.of(file.readOrCreate(), file.path().toString());
        return new Resolved(token, (existed ? "the token file " : "a new random token in the owner-only file ") + file.path());
    }
}
