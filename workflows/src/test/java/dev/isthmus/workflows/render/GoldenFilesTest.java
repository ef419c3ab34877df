package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped examples render byte for byte to the files in {@code workflows/examples/} (what
 * {@code isthmus render examples/<name>.yaml} prints). After an intended change, regenerate them
 * with {@code ./mvnw -pl workflows -am test -Dtest=GoldenFilesTest -Dgolden.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and review the diff.
 */
class GoldenFilesTest {

    static final Path GOLDEN = Path.of("examples");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"quickstart", "fmnist-mlp-3x512", "nightly-regression"})
    void examplesRenderToTheirGoldenFiles(String example) throws IOException {
        String rendered = TestSweeps.yaml(TestSweeps.example(example), RenderOptions.defaults());
        Path golden = GOLDEN.resolve(example + ".yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, rendered, StandardCharsets.UTF_8);
        }
        assertTrue(
                Files.isRegularFile(golden),
                golden + " is missing (run with -Dgolden.update=true)");
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(rendered)) {
            fail(
                    golden
                            + " differs from the rendered workflow, "
                            + firstDifference(expected, rendered));
        }
    }

    private static String firstDifference(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": expected [" + x + "], rendered [" + y + "]";
            }
        }
        return "in line endings";
    }
}
