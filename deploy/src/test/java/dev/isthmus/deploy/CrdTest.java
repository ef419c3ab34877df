package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart installs exactly the CRD the operator build generates (committed under manifests/). */
class CrdTest {

    static final String FILE = "connectivitysweeps.isthmus.dev-v1.yml";

    @Test
    void chartCopyIsByteIdenticalToManifests() throws IOException {
        Path generated = Chart.ROOT.resolve("manifests/crd").resolve(FILE);
        Path copy = Chart.DIR.resolve("files").resolve(FILE);
        assertArrayEquals(
                Files.readAllBytes(generated),
                Files.readAllBytes(copy),
                "charts/isthmus/files/"
                        + FILE
                        + " differs from manifests/crd/"
                        + FILE
                        + "; copy it: cp manifests/crd/"
                        + FILE
                        + " charts/isthmus/files/");
    }

    @Test
    void renderedCrdHasShortNamesStatusAndPrinterColumns() {
        CustomResourceDefinition crd =
                Chart.ofKind(
                                Chart.objects(Chart.template()),
                                "CustomResourceDefinition",
                                CustomResourceDefinition.class)
                        .values()
                        .iterator()
                        .next();
        assertEquals("connectivitysweeps.isthmus.dev", crd.getMetadata().getName());
        assertTrue(crd.getSpec().getNames().getShortNames().contains("csweep"));
        var version = crd.getSpec().getVersions().get(0);
        assertEquals("v1alpha1", version.getName());
        assertTrue(version.getSubresources().getStatus() != null);
        var columns =
                version.getAdditionalPrinterColumns().stream()
                        .map(CustomResourceColumnDefinition::getName)
                        .toList();
        assertTrue(columns.containsAll(java.util.List.of("Phase", "Progress")), columns::toString);
    }
}
