package dev.isthmus.workers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compute code builds engine arrays from host data only through {@link HostArrays}: a plain
 * {@code NDManager.create(array…)} would hand libtorch memory at whatever offset malloc chose, and
 * results would again depend on what the process did before. Scalars ({@code create((float) x)})
 * are exempt: a one-element operand is read once, not by a vectorised kernel.
 */
class HostUploadSourcesTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern CREATE =
            Pattern.compile(
                    "(?:\\bm|manager|getManager\\(\\))\\.create\\((?!\\((?:float|double)\\))");

    @Test
    void noCompileCodeCreatesEngineArraysFromHostArraysDirectly() throws IOException {
        assertTrue(
                Files.isDirectory(MAIN), MAIN.toAbsolutePath() + ": run from the workers module");
        List<String> offenders = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(MAIN)) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                if (f.endsWith("HostArrays.java")) continue;
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (CREATE.matcher(lines.get(i)).find()) {
                        offenders.add(
                                MAIN.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertTrue(files > 100, "found only " + files + " sources under " + MAIN);
        assertEquals(List.of(), offenders, "use HostArrays.of instead");
    }

    @Test
    void thePatternSeesWhatItMustAndLetsScalarsThrough() {
        assertTrue(CREATE.matcher("NDArray x = manager.create(data, new Shape(n, f));").find());
        assertTrue(CREATE.matcher("return m.create(flat, shape);").find());
        assertTrue(CREATE.matcher("h.getManager().create(mask)").find());
        assertTrue(!CREATE.matcher("NDArray wa = m.create((float) (alpha * alpha));").find());
        assertTrue(!CREATE.matcher("Models.create(spec, 0, 0)").find());
    }
}
