package dev.isthmus.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chart's defaults fill only what a sweep's execution section leaves out. */
class SweepDefaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static OperatorSettings.SweepDefaults defaults(String store, String secret) {
        OperatorSettings.Resources resources =
                new OperatorSettings.Resources() {
                    public Optional<String> cpu() {
                        return Optional.of("2");
                    }

                    public Optional<String> memory() {
                        return Optional.of("8Gi");
                    }

                    public Optional<Integer> gpu() {
                        return Optional.of(0);
                    }
                };
        return new OperatorSettings.SweepDefaults() {
            public Optional<String> store() {
                return Optional.ofNullable(store);
            }

            public Optional<String> storeCredentialsSecret() {
                return Optional.ofNullable(secret);
            }

            public OperatorSettings.Resources resources() {
                return resources;
            }
        };
    }

    private static ObjectNode filled(String spec, OperatorSettings.SweepDefaults d)
            throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(spec);
        SweepDocument.fillExecution(node, d);
        return node;
    }

    @Test
    void aSweepWithoutExecutionGetsTheStoreItsSecretAndResources() throws Exception {
        ObjectNode spec = filled("{}", defaults("s3://runs/team", "runs-s3"));
        assertEquals(
                "{\"execution\":{\"store\":\"s3://runs/team\",\"storeCredentials\":{\"secret\":"
                        + "\"runs-s3\"},\"resources\":{\"cpu\":\"2\",\"memory\":\"8Gi\"}}}",
                spec.toString());
    }

    @Test
    void whatTheSweepSetsIsKept() throws Exception {
        ObjectNode spec =
                filled(
                        "{\"execution\":{\"store\":\"file://mine\",\"resources\":{\"gpu\":1}}}",
                        defaults("s3://runs/team", "runs-s3"));
        assertEquals(
                "{\"execution\":{\"store\":\"file://mine\",\"resources\":{\"gpu\":1}}}",
                spec.toString());
    }
}
