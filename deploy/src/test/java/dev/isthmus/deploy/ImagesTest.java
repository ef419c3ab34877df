package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles under images/ (no Docker engine here, so they are read, not built): non-root,
 * copying only what the Maven build produces, DJL offline with its native library pre-extracted.
 */
class ImagesTest {

    static final Path IMAGES = Chart.ROOT.resolve("images");
    static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?!--from)(\\S+)\\s+\\S+$");
    static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)$");

    @ParameterizedTest
    @ValueSource(strings = {"operator", "workers", "workers-cuda"})
    void finalStageRunsAsUid65532(String image) throws IOException {
        String dockerfile = dockerfile(image);
        String last = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        List<String> users = all(USER, last);
        assertEquals(List.of("65532:65532"), users, image);
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator", "workers", "workers-cuda"})
    void copiesOnlyBuildOutputsAndFilesInTheRepository(String image) throws IOException {
        for (String source : all(COPY, dockerfile(image))) {
            if (source.startsWith("images/")) {
                assertTrue(Files.exists(Chart.ROOT.resolve(source)), source);
            } else {
                assertTrue(
                        List.of(
                                        "cli/target/isthmus.jar",
                                        "cli/target/lib/",
                                        "operator/target/quarkus-app/lib/",
                                        "operator/target/quarkus-app/quarkus-run.jar",
                                        "operator/target/quarkus-app/app/",
                                        "operator/target/quarkus-app/quarkus/")
                                .contains(source),
                        image + " copies " + source + ", which no Maven build produces");
            }
        }
    }

    @Test
    void cliPomProducesWhatTheWorkerImagesCopy() throws IOException {
        String pom = Files.readString(Chart.ROOT.resolve("cli/pom.xml"));
        assertTrue(pom.contains("<finalName>isthmus</finalName>"));
        assertTrue(
                pom.contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>"));
        assertTrue(pom.contains("<classpathPrefix>lib/</classpathPrefix>"));
    }

    @Test
    void builtWorkerJarFindsEveryLibraryItNames() throws IOException {
        Path jar = Chart.ROOT.resolve("cli/target/isthmus.jar");
        assertTrue(
                Files.exists(jar),
                "cli/target/isthmus.jar: package the cli first (./mvnw verify does)");
        String classPath;
        try (JarFile file = new JarFile(jar.toFile())) {
            classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
        }
        for (String entry : classPath.trim().split("\\s+")) {
            assertTrue(Files.exists(jar.resolveSibling(entry)), entry);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"workers", "workers-cuda"})
    void workersRunOfflineWithThePreExtractedEngine(String image) throws IOException {
        String dockerfile = dockerfile(image);
        assertTrue(dockerfile.contains("DJL_CACHE_DIR=/opt/djl"));
        assertTrue(dockerfile.contains("OMP_WAIT_POLICY=PASSIVE"));
        assertTrue(dockerfile.contains("WarmEngine.java"));
        assertTrue(dockerfile.contains("COPY images/workers/isthmus /usr/local/bin/isthmus"));
        String launcher = Files.readString(IMAGES.resolve("workers/isthmus"));
        assertTrue(launcher.contains("-Dai.djl.offline=true"));
        assertTrue(launcher.contains("-jar /opt/isthmus/isthmus.jar \"$@\""));
        assertTrue(Files.isExecutable(IMAGES.resolve("workers/isthmus")));
    }

    @Test
    void cudaImageUsesTheEnginesLibtorchVersion() throws IOException {
        String pom = Files.readString(Chart.ROOT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<pytorch.version>([^<]+)</pytorch.version>").matcher(pom);
        assertTrue(m.find());
        String dockerfile = dockerfile("workers-cuda");
        assertTrue(dockerfile.contains("PYTORCH_VERSION=" + m.group(1)), m.group(1));
        assertTrue(dockerfile.contains("torch==" + m.group(1)));
        assertTrue(dockerfile.contains("PYTORCH_FLAVOR=cu128"));
        assertTrue(dockerfile.contains("whl/cu128"));
    }

    static String dockerfile(String image) throws IOException {
        return Files.readString(IMAGES.resolve(image).resolve("Dockerfile"));
    }

    static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
