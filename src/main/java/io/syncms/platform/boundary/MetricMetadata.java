package io.syncms.platform.boundary;

import org.eclipse.microprofile.metrics.Metadata;

/** The metadata of one of the module's metrics: its name, what it means and its unit. */
public final class MetricMetadata {

    private MetricMetadata() {
    }

    public static Metadata of(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }
}
