package io.syncms.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro 6's OpenAPI scanner fails (an NPE, /openapi answers 500) on some bean-validation
 * annotations on record components; CI runs Payara 7, which does not, so the trap came back once. Body
 * records use {@code @Pattern} and the checks of the code they feed instead.
 */
class BodyAnnotationsTest {

    private static final Set<String> BREAK_PAYARA_6 = Set.of("jakarta.validation.constraints.Size",
            "jakarta.validation.constraints.Min", "jakarta.validation.constraints.Max");

    @Test
    void noBodyRecordCarriesAnAnnotationPayara6sScannerFailsOn() {
        List<String> found = new ArrayList<>();
        for (Class<?> holder : ApiDocument.BODY_HOLDERS) {
            for (Class<?> type : holder.getDeclaredClasses()) {
                if (!type.isRecord()) {
                    continue;
                }
                for (RecordComponent component : type.getRecordComponents()) {
                    // a constraint cannot target a record component: Java puts it on the component's field
                    for (Annotation annotation : field(type, component).getAnnotations()) {
                        if (BREAK_PAYARA_6.contains(annotation.annotationType().getName())) {
                            found.add(type.getSimpleName() + "." + component.getName() + " @" + annotation.annotationType().getSimpleName());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private static java.lang.reflect.Field field(Class<?> type, RecordComponent component) {
        try {
            return type.getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new AssertionError("a record has a field per component", e);
        }
    }
}
