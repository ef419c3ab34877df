package dev.isthmus.operator.real;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The operator on a real API server ({@link RealApiServer}), with server-side apply on as in a
 * cluster (the mock server refuses it), and the chart's store default set.
 */
public class RealApiServerProfile implements QuarkusTestProfile {

    static final String DEFAULT_STORE = "s3://team-runs/isthmus";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.operator-sdk.enable-ssa", "true", "isthmus.default.store", DEFAULT_STORE);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RealApiServer.class));
    }
}
