package io.syncms.syncms.boundary;

import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code @Inject SyncMs}: the participant described by {@code syncms.group}, {@code syncms.role},
 * {@code syncms.id} and {@code syncms.slaves} (comma separated), created on first use.
 */
@ApplicationScoped
public class SyncMsProducer {

    @Inject
    SyncMsRegistry registry;

    @Inject
    SettingsConfig settingsConfig;

    @Inject
    @ConfigProperty(name = "syncms.group")
    Optional<String> group;

    @Inject
    @ConfigProperty(name = "syncms.role")
    Optional<String> role;

    @Inject
    @ConfigProperty(name = "syncms.id")
    Optional<String> id;

    @Inject
    @ConfigProperty(name = "syncms.slaves")
    Optional<String> slaves;

    @Produces
    @Dependent
    SyncMs configuredParticipant() {
        String groupName = group.orElseThrow(() -> new IllegalStateException(
                "@Inject SyncMs needs the MicroProfile Config properties syncms.group, syncms.role and syncms.id"));
        ParticipantConfig config = new ParticipantConfig(groupName,
                Role.parse(role.orElseThrow(() -> new IllegalStateException("syncms.role is not configured"))),
                id.orElseThrow(() -> new IllegalStateException("syncms.id is not configured")),
                slaveList(), settingsConfig.forGroup(groupName));
        return registry.joinOrGet(config);
    }

    private List<String> slaveList() {
        return slaves.map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
