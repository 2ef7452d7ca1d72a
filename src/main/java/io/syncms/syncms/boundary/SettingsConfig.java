package io.syncms.syncms.boundary;

import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Group settings from MicroProfile Config: {@code syncms.groups.<group>.<key>} overrides
 * {@code syncms.<key>}, which overrides the built-in default (e.g. {@code syncms.init-timeout=5000}).
 * Environment variables work the MicroProfile way ({@code SYNCMS_INIT_TIMEOUT}).
 */
@ApplicationScoped
public class SettingsConfig {

    public GroupSettings forGroup(String group) {
        Config config = ConfigProvider.getConfig();
        GroupSettings settings = GroupSettings.defaults();
        for (Setting setting : Setting.values()) {
            Optional<Long> value = config.getOptionalValue("syncms.groups." + group + "." + setting.configKey(), Long.class)
                    .or(() -> config.getOptionalValue("syncms." + setting.configKey(), Long.class));
            if (value.isPresent()) {
                settings = settings.with(setting, value.get());
            }
        }
        return settings;
    }
}
