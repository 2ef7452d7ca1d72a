package io.syncms.store.boundary;

import io.syncms.store.entity.MigrationReport;
import io.syncms.store.entity.QuarantinedItem;
import io.syncms.store.entity.RecoveryReport;
import io.syncms.store.entity.StoreCheckReport;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.List;

/** The JSON of the store's reports: a check, the quarantine, what the last open found. */
public final class StoreReports {

    private StoreReports() {
    }

    public static JsonObject check(StoreCheckReport report) {
        JsonArrayBuilder problems = Json.createArrayBuilder();
        report.problems().forEach(problems::add);
        return Json.createObjectBuilder()
                .add("clean", report.clean())
                .add("items", report.items())
                .add("bytes", report.bytes())
                .add("damaged", report.damaged())
                .add("missingFiles", report.missingFiles())
                .add("danglingReferences", report.danglingReferences())
                .add("logWithoutContent", report.logWithoutContent())
                .add("versionsWithoutContent", report.versionsWithoutContent())
                .add("orphanFiles", report.orphanFiles())
                .add("repaired", report.repaired())
                .add("quarantined", quarantine(report.quarantined()))
                .add("problems", problems)
                .add("millis", report.millis())
                .build();
    }

    public static JsonArrayBuilder quarantine(List<QuarantinedItem> items) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        items.forEach(item -> list.add(Json.createObjectBuilder()
                .add("kind", item.kind().dataType())
                .add("hash", item.hash())
                .add("since", Instant.ofEpochMilli(item.since()).toString())
                .add("reason", item.reason())));
        return list;
    }

    public static JsonObject recovery(RecoveryReport report) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("cleanShutdown", report.cleanShutdown())
                .add("epochRenewed", report.epochRenewed())
                .add("tempFilesDeleted", report.tempFilesDeleted());
        MigrationReport migration = report.migration();
        if (migration != null) {
            json.add("migration", Json.createObjectBuilder()
                    .add("entries", migration.entries())
                    .add("bytes", migration.bytes())
                    .add("inlined", migration.inlined())
                    .add("keptAsFiles", migration.keptAsFiles())
                    .add("batchesSkipped", migration.batchesSkipped())
                    .add("resumed", migration.resumed())
                    .add("millis", migration.millis()));
        }
        return json.build();
    }
}
