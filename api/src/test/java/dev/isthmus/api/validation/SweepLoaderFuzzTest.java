package dev.isthmus.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.isthmus.api.admission.Admission;
import dev.isthmus.api.admission.Budget;
import dev.isthmus.api.admission.Estimate;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.spec.ConnectivitySweep;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz targets for the sweep loader and validator: any document, YAML or JSON, is either
 * loaded or refused with a {@link SpecException} whose problems are sentences; a loaded sweep is
 * estimated and admitted without an exception, plans when small, and survives its own YAML. Without
 * {@code -Pfuzz} the committed seeds and findings in {@code SweepLoaderFuzzTestInputs} are
 * replayed.
 */
@Tag("fuzz")
class SweepLoaderFuzzTest {

    private static final Pattern INTERNALS =
            Pattern.compile("\\b(java|com|org|dev)\\.[a-z]+\\.|Exception\\b|StreamReadConstraints");

    @FuzzTest(maxDuration = "120s")
    void yaml(byte[] data) {
        check(data, "fuzz.yaml");
    }

    @FuzzTest(maxDuration = "120s")
    void json(byte[] data) {
        check(data, "fuzz.json");
    }

    private static void check(byte[] data, String source) {
        String text = new String(data, StandardCharsets.UTF_8);
        ConnectivitySweep sweep;
        try {
            sweep = SweepLoader.parse(text, source);
        } catch (SpecException e) {
            for (Problem p : e.problems()) {
                // a value the user wrote is echoed; only text from the code is an internal
                var m = INTERNALS.matcher(p.toString());
                while (m.find()) assertTrue(text.contains(m.group()), p.toString());
            }
            return;
        }
        Estimate e = Estimate.of(sweep.spec());
        Admission.problems(e, Budget.machine(24e9, sweep.spec().execution().parallelism()));
        if (e.tasks().tasks() <= 2_000) {
            assertEquals(e.tasks().tasks(), Planner.plan(sweep).allTasks().size());
        }
        ConnectivitySweep again = SweepLoader.parse(SweepLoader.toYaml(sweep), "again.yaml");
        assertEquals(sweep, again);
    }
}
