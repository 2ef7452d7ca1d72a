package io.syncms.testing;

import io.syncms.testing.deployment.ChumProbeResource;
import io.syncms.testing.deployment.ObservedDeliveries;
import io.syncms.testing.deployment.StoreProbeResource;
import io.syncms.testing.deployment.TestProbeResource;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** What the Arquillian tests deploy: the WAR that mvn package built, at context root /, plus test probes. */
public final class Deployments {

    private Deployments() {}

    public static WebArchive moduleWithProbes() {
        WebArchive built = ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.war().toFile());
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(built)
                .addClasses(ObservedDeliveries.class, TestProbeResource.class, StoreProbeResource.class, ChumProbeResource.class);
    }

    /**
     * The archive with {@code properties} added to the module's own {@code META-INF/microprofile-config.properties}
     * (replacing the file would drop the module's settings, such as its OpenAPI filter).
     */
    public static WebArchive withConfig(WebArchive archive, String properties) {
        String path = "WEB-INF/classes/META-INF/microprofile-config.properties";
        String own = "";
        org.jboss.shrinkwrap.api.Node node = archive.get(path);
        if (node != null && node.getAsset() != null) {
            try (java.io.InputStream in = node.getAsset().openStream()) {
                own = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            archive.delete(path);
        }
        return archive.addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(own + "\n" + properties),
                "META-INF/microprofile-config.properties");
    }

    /**
     * {@link #moduleWithProbes()} as a file in the work directory, for Payara Micro processes the tests
     * start themselves ({@link PayaraProcess#start(String, java.util.List, java.util.Map, Path)}).
     */
    public static synchronized Path moduleWithProbesFile() {
        Path war = ItEnvironment.workDir().resolve("syncms-with-probes.war");
        moduleWithProbes().as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }
}
