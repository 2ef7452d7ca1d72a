package io.syncms.chum.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncms.chum.entity.ChumLimits;
import io.syncms.chum.entity.ChumSetting;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.HttpLimits;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/** One prefix for the Chum's settings, the first releases' names still read, every default written once. */
class ChumConfigTest {

    @Test
    void theNewKeyWinsTheOldOneIsReadWithoutItAndTheDefaultComesFromTheSetting() {
        Config config = config(Map.of("syncms.chum.page-size", "500", "chum.page-size", "700", "chum.fetch-ahead", "5"));
        assertEquals(500, ChumConfig.value(config, ChumSetting.PAGE_SIZE));
        assertEquals(5, ChumConfig.value(config, ChumSetting.FETCH_AHEAD));
        assertEquals(256, ChumConfig.value(config, ChumSetting.FETCH_BATCH_SIZE));
        assertEquals("syncms.chum.http.max-answer-bytes", ChumSetting.HTTP_MAX_ANSWER_BYTES.configKey());
        assertEquals("chum.http.max-answer-bytes", ChumSetting.HTTP_MAX_ANSWER_BYTES.legacyKey());
    }

    @Test
    void thePlainClassesDefaultsAreTheSettingsDefaults() {
        ChumSettings settings = ChumSettings.defaults();
        assertEquals(ChumSetting.PAGE_SIZE.defaultInt(), settings.pageSize());
        assertEquals(ChumSetting.POLL_TIMEOUT.defaultDuration(), settings.pollTimeout());
        assertEquals(ChumSetting.TOKEN_LIFETIME.defaultDuration(), settings.tokenLifetime());
        assertEquals(ChumSetting.MAX_RETAINED.defaultInt(), ChumLimits.defaults().maxRetained());
        assertEquals(ChumSetting.HTTP_MAX_ITEM_BYTES.defaultValue(), HttpLimits.defaults().maxItemBytes());
    }

    /** A Config of fixed values, enough for {@link ChumConfig#value}. */
    private static Config config(Map<String, String> values) {
        return new Config() {
            @Override
            public <T> T getValue(String name, Class<T> type) {
                return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
            }

            @Override
            public ConfigValue getConfigValue(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
                return Optional.ofNullable(values.get(name)).map(value -> type.cast(Long.valueOf(value)));
            }

            @Override
            public Iterable<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public Iterable<ConfigSource> getConfigSources() {
                return java.util.List.of();
            }

            @Override
            public <T> Optional<Converter<T>> getConverter(Class<T> type) {
                return Optional.empty();
            }

            @Override
            public <T> T unwrap(Class<T> type) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
