package io.syncms.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.security.entity.Role;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RoleCheckTest {

    @RequiresRole(Role.APP)
    static class AppResource {
        public void read() {
        }

        @RequiresRole({Role.ADMIN, Role.APP})
        public void status() {
        }
    }

    static class UnannotatedResource {
        public void anything() {
        }
    }

    @Test
    void aMethodsRolesWinOverItsClassesAndNoneMeansAdminOnly() throws NoSuchMethodException {
        assertEquals(Set.of(Role.APP), RoleCheck.requiredRoles(AppResource.class.getMethod("read"), AppResource.class));
        assertEquals(Set.of(Role.ADMIN, Role.APP), RoleCheck.requiredRoles(AppResource.class.getMethod("status"), AppResource.class));
        assertEquals(Set.of(Role.ADMIN), RoleCheck.requiredRoles(UnannotatedResource.class.getMethod("anything"),
                UnannotatedResource.class));
    }

    @Test
    void theFilterRefusesARequestThatNoCallerReached() {
        assertThrows(io.syncms.security.entity.UnauthenticatedException.class,
                () -> new RoleCheck.RoleFilter(Set.of(Role.APP)).filter(requestWithoutCaller()));
    }

    @Test
    void onlyTheChumProtocolAuthenticatesItselfAndItsPathIsExempted() throws Exception {
        List<Class<?>> selfAuthenticating = new ArrayList<>();
        for (Class<?> resource : moduleResources()) {
            if (resource.isAnnotationPresent(AuthenticatesItself.class)) {
                selfAuthenticating.add(resource);
                String path = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
                assertTrue(ApiAuthentication.SELF_AUTHENTICATING.contains(ApiAuthentication.firstSegment(path)), path);
            } else {
                for (Method method : resource.getDeclaredMethods()) {
                    if (isResourceMethod(method)) {
                        assertFalse(RoleCheck.requiredRoles(method, resource).isEmpty(), method.toString());
                    }
                }
            }
        }
        assertEquals(List.of("io.syncms.chum.boundary.ChumProtocolResource"),
                selfAuthenticating.stream().map(Class::getName).toList());
        assertEquals("chum-protocol", ApiAuthentication.firstSegment("/chum-protocol/changes/next"));
        assertEquals("groups", ApiAuthentication.firstSegment("groups"));
    }

    /** A request context whose every property is absent. */
    private static jakarta.ws.rs.container.ContainerRequestContext requestWithoutCaller() {
        return (jakarta.ws.rs.container.ContainerRequestContext) java.lang.reflect.Proxy.newProxyInstance(
                RoleCheckTest.class.getClassLoader(), new Class<?>[] {jakarta.ws.rs.container.ContainerRequestContext.class},
                (proxy, method, args) -> null);
    }

    /** The module's JAX-RS resource classes (compiled main classes with {@code @Path}). */
    private static List<Class<?>> moduleResources() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(RequiresRole.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, RoleCheckTest.class.getClassLoader());
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    resources.add(type);
                }
            }
        }
        assertTrue(resources.size() >= 11, resources.toString());
        return resources;
    }

    private static boolean isResourceMethod(Method method) {
        return Stream.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class).anyMatch(method::isAnnotationPresent);
    }
}
