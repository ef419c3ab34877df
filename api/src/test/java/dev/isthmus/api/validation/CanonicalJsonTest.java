package dev.isthmus.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isthmus.api.plan.ContentKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Canonical JSON is what run keys are hashed from: key order and nulls must not change it. */
class CanonicalJsonTest {

    private static final String SHUFFLED =
            """
            spec:
              endpoints:
                train: {batchSize: 128, seeds: [0, 1]}
              dataset: {name: fashion-mnist}
              model: {hidden: [16], architecture: mlp}
            metadata: {name: tiny}
            kind: ConnectivitySweep
            apiVersion: isthmus.dev/v1alpha1
            """;

    @Test
    void keyOrderInTheSourceDoesNotMatter() {
        String canonical = ContentKey.canonicalJson(SweepLoader.parse(Documents.MINIMAL, null));

        assertEquals(canonical, ContentKey.canonicalJson(SweepLoader.parse(SHUFFLED, null)));
        assertEquals(
                "{\"apiVersion\":\"isthmus.dev/v1alpha1\",\"kind\":\"ConnectivitySweep\","
                        + "\"metadata\":{\"name\":\"tiny\"},\"spec\":{\"alignments\":[{\"type\":\"none\"}],"
                        + "\"alphas\":25,\"dataset\":{\"evalSplit\":\"test\","
                        + "\"name\":\"fashion-mnist\","
                        + "\"path\":\"/usr/share/datasets/fashion-mnist\"},",
                canonical.substring(0, canonical.indexOf("\"endpoints\"")));
    }

    @Test
    void sortsKeysDropsNullsAndWhitespace() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("z", null);
        inner.put("b", List.of(2, 1));
        inner.put("a", "x y");
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("zeta", 1.5);
        outer.put("alpha", inner);
        outer.put("mid", Arrays.asList("k", null));

        assertEquals(
                "{\"alpha\":{\"a\":\"x y\",\"b\":[2,1]},\"mid\":[\"k\",null],\"zeta\":1.5}",
                ContentKey.canonicalJson(outer));
    }
}
