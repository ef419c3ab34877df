package dev.isthmus.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD ({@code manifests/crd/}) is the one generated from the Java types in this build
 * (Quarkus writes it to {@code target/kubernetes/} while starting the tests). After an intended
 * change, refresh and review the diff:
 *
 * <pre>
 * ./mvnw -pl operator -am verify -Dtest=CrdUpToDateTest -Dcrd.update=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@QuarkusTest
@WithKubernetesTestServer(setup = ArgoCrds.class)
class CrdUpToDateTest {

    static final String FILE = "connectivitysweeps.isthmus.dev-v1.yml";
    static final Path GENERATED = Path.of("target/kubernetes", FILE);
    static final Path COMMITTED = Path.of("../manifests/crd", FILE);

    @Test
    void committedCrdMatchesTheGeneratedOne() throws IOException {
        if (Boolean.getBoolean("crd.update")) {
            Files.copy(GENERATED, COMMITTED, StandardCopyOption.REPLACE_EXISTING);
        }
        assertEquals(
                Files.readString(GENERATED),
                Files.readString(COMMITTED),
                COMMITTED
                        + " is stale: refresh it with -Dcrd.update=true (see CrdUpToDateTest) and"
                        + " commit it");
    }
}
