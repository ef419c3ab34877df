package dev.isthmus.operator.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real worker command line ({@code ../cli/target/isthmus.jar}) in a child JVM, with an
 * argument list and never a shell, as the worker image's {@code isthmus} entry point does.
 */
final class WorkerJar {

    static final Path JAR = Path.of("../cli/target/isthmus.jar").toAbsolutePath().normalize();

    private final Path log;

    WorkerJar(Path log) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR + " is missing: build the workers first (./mvnw -pl operator -am verify)");
        }
        this.log = log;
    }

    int run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Dai.djl.offline=true", "-Xss4m", "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + args, e);
        }
    }
}
