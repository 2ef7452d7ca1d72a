package io.syncms.platform.boundary;

import io.syncms.platform.control.ConfigKeys;
import io.syncms.platform.entity.ApiSetting;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** The REST API's body limits ({@link ApiSetting}), read once when the application starts. */
@ApplicationScoped
public class ApiLimits {

    private final Map<ApiSetting, Long> values = new EnumMap<>(ApiSetting.class);

    @PostConstruct
    void read() {
        for (ApiSetting setting : ApiSetting.values()) {
            values.put(setting, ConfigKeys.read(ConfigProvider.getConfig(), setting.configKey(), setting.legacyKey(), Long.class)
                    .orElse(setting.defaultValue()));
        }
    }

    public long get(ApiSetting setting) {
        return values.get(setting);
    }
}
