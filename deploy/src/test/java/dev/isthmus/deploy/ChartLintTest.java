package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** `helm lint --strict`, and the chart's own refusals of bad values. */
class ChartLintTest {

    @Test
    void strictLintPasses() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    }

    @Test
    void unknownSwitchValueIsRefusedWithItsKey() {
        Exception e =
                assertThrows(Exception.class, () -> Chart.template(Chart.values("bad-switch")));
        assertTrue(
                e.getMessage()
                        .contains(
                                "serviceMonitor.enabled: expected auto, true or false, got \"maybe\""),
                e.getMessage());
    }

    @Test
    void unknownWorkerFlavorIsRefused() {
        Exception e =
                assertThrows(Exception.class, () -> Chart.template(Chart.values("bad-flavor")));
        assertTrue(
                e.getMessage().contains("image.workers.flavor: expected cpu or cuda, got \"rocm\""),
                e.getMessage());
    }
}
