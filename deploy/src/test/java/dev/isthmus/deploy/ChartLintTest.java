package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** `helm lint --strict`, and values.schema.json refusing bad values with the path of the value. */
class ChartLintTest {

    @Test
    void strictLintPasses() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    }

    @Test
    void unknownSwitchValueIsRefusedWithItsKey() {
        assertRefused("bad-switch", "at '/serviceMonitor/enabled': value must be one of 'auto'");
    }

    @Test
    void unknownWorkerFlavorIsRefused() {
        assertRefused(
                "bad-flavor", "at '/image/workers/flavor': value must be one of 'cpu', 'cuda'");
    }

    @Test
    void misspeltKeyIsRefused() {
        assertRefused("typo", "additional properties 'watchNamespace' not allowed");
    }

    /** values.schema.json refuses the values file with a message naming each fragment. */
    static void assertRefused(String values, String... fragments) {
        Exception e = assertThrows(Exception.class, () -> Chart.template(Chart.values(values)));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
    }
}
