package io.syncms.platform.boundary;

import io.syncms.chum.boundary.ChumBodies;
import io.syncms.platform.control.RecordSchemas;
import io.syncms.store.boundary.StoreBodies;
import io.syncms.syncms.boundary.SyncMsBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Completes {@code /openapi} (registered by {@code mp.openapi.filter}):
 * <ul>
 * <li>the schemas of the body records, made from the records ({@link RecordSchemas}), replace what the
 * container's scanner made of them;</li>
 * <li>what every operation of a kind answers is written once here instead of on each resource method: an
 * {@code /api} operation needs a Bearer credential (401, 403) and may find the instance unavailable
 * (503); one with a body may meet the body guard (400, 413, 415); the Chum protocol's session calls
 * need a Chum session token;</li>
 * <li>path parameters are required, as OpenAPI says they must be.</li>
 * </ul>
 * It names the features' body holders: the one place where the contract is assembled.
 */
public class ApiDocument implements OASFilter {

    static final String API = "/api/";
    static final String CHUM_PROTOCOL = "/api/chum-protocol/";
    /** Schemas whose members are open: a ONE object's are its recipe's, a problem may carry extension members. */
    static final List<String> OPEN_SCHEMAS = List.of("Problem", "OneObject", "BatchLine", "ChumWireMessage");
    static final List<Class<?>> BODY_HOLDERS = List.of(SyncMsBodies.class, ChumBodies.class, StoreBodies.class,
            io.syncms.onechum.boundary.OneChumBodies.class, io.syncms.players.boundary.PlayerBodies.class);

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (document.getOpenapi() == null) {
            // Payara 7 names the version itself; Payara 6 only if the static file does, and that file is for both
            document.setOpenapi(SchemaModels.typesAreLists() ? "3.1.0" : "3.0.3");
        }
        replaceBodySchemas(document);
        mergeTags(document);
        if (document.getPaths() == null || document.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : document.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith(API)) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                complete(path.getKey(), operation);
            }
        }
    }

    private static void replaceBodySchemas(OpenAPI document) {
        if (document.getComponents() == null) {
            document.setComponents(OASFactory.createComponents());
        }
        for (Class<?> holder : BODY_HOLDERS) {
            for (Class<?> type : holder.getDeclaredClasses()) {
                // what the scanner made of a record it met as a return type, under the class's own name
                if (type.isRecord() && document.getComponents().getSchemas() != null
                        && document.getComponents().getSchemas().containsKey(type.getSimpleName())) {
                    document.getComponents().removeSchema(type.getSimpleName());
                }
            }
        }
        RecordSchemas.of(BODY_HOLDERS).forEach((name, schema) -> document.getComponents().addSchema(name, SchemaModels.model(schema)));
        // the open schemas of META-INF/openapi.yaml: a YAML "additionalProperties: {}" comes out as false on Payara 6
        for (String open : OPEN_SCHEMAS) {
            Schema schema = document.getComponents().getSchemas().get(open);
            if (schema != null) {
                schema.setAdditionalPropertiesBoolean(Boolean.TRUE);
            }
        }
    }

    /** The container lists a tag once per resource class that names it: keep one, with its description. */
    private static void mergeTags(OpenAPI document) {
        if (document.getTags() == null) {
            return;
        }
        Map<String, Tag> byName = new LinkedHashMap<>();
        for (Tag tag : document.getTags()) {
            Tag kept = byName.putIfAbsent(tag.getName(), tag);
            if (kept != null && kept.getDescription() == null && tag.getDescription() != null) {
                byName.put(tag.getName(), tag);
            }
        }
        document.setTags(new ArrayList<>(byName.values()));
    }

    static void complete(String path, Operation operation) {
        if (operation.getRequestBody() != null && !namesItsSchema(operation.getRequestBody())) {
            // the container takes a method's @Suspended AsyncResponse for a body; every real body names its schema
            operation.setRequestBody(null);
        }
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (parameter.getIn() == Parameter.In.PATH) {
                    parameter.setRequired(true);
                }
            }
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "400", "BadRequest");
            addIfAbsent(responses, "413", "PayloadTooLarge");
            addIfAbsent(responses, "415", "UnsupportedMediaType");
        }
        // the credentials misconfigured, the store closed or failed, a limit of running work reached
        addIfAbsent(responses, "503", "Unavailable");
        if (!path.startsWith(CHUM_PROTOCOL)) {
            addIfAbsent(responses, "401", "Unauthorized");
            addIfAbsent(responses, "403", "Forbidden");
            operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme("bearer"))));
        } else if (!path.endsWith("/challenge") && !path.endsWith("/handshake")) {
            addIfAbsent(responses, "401", "Unauthorized");
            operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme("chumSession"))));
        }
    }

    private static boolean namesItsSchema(RequestBody body) {
        return body.getContent() != null && body.getContent().getMediaTypes() != null
                && body.getContent().getMediaTypes().values().stream()
                .anyMatch(type -> type.getSchema() != null && type.getSchema().getRef() != null);
    }

    private static void addIfAbsent(APIResponses responses, String status, String component) {
        if (responses.getAPIResponse(status) == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(component));
        }
    }

}
