package dev.isthmus.operator.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** Renders pods whose volumes are folders under {@code target/e2e}, so the harness can run them. */
public class EndToEndProfile implements QuarkusTestProfile {

    static final Path ROOT = Path.of("target/e2e").toAbsolutePath();
    static final Path CLAIM = ROOT.resolve("claim");
    static final Path SCRATCH = ROOT.resolve("scratch");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "isthmus.claim-mount-path", CLAIM.toString(),
                "isthmus.scratch-path", SCRATCH.toString());
    }
}
