package dev.isthmus.workers.store;

import dev.isthmus.api.plan.ContentKey;
import dev.isthmus.api.validation.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files a sweep reads (checkpoints, an ONNX graph) wherever the spec puts them: a path or {@code
 * file://} URI as {@link Locations#resolve} reads it, or an {@code s3://bucket/key} object,
 * downloaded once per process into the cache ({@link RunStore#cacheFolder()}, under {@code
 * inputs/}) with the credentials and endpoint of the run store's S3 ({@code AWS_*}, {@code
 * ISTHMUS_S3_ENDPOINT}).
 *
 * <p>An object is fetched again by every new process, never taken from an earlier process's cache:
 * an object replaced in the bucket is read as it now is, as a replaced local file is.
 */
public final class Inputs {
    private static final Map<String, Path> FETCHED = new ConcurrentHashMap<>();

    private Inputs() {}

    /**
     * A local copy of the file at {@code location}, relative locations resolved on {@code base}.
     */
    public static Path local(String location, Path base) {
        return local(location, base, location);
    }

    /**
     * Like {@link #local(String, Path)}, naming the file in messages as {@code what} (say {@code
     * spec.model.file s3://nets/model.onnx}).
     */
    public static Path local(String location, Path base, String what) {
        S3Location s3 = S3Location.parse(location);
        if (s3 == null) return Locations.resolve(location, base);
        return FETCHED.computeIfAbsent(location, l -> fetch(l, s3, what));
    }

    private static Path fetch(String location, S3Location s3, String what) {
        String key = s3.prefix();
        if (key.isEmpty()) {
            throw new BadInputException(what + ": expected s3://bucket/key naming one object");
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        Path folder =
                RunStore.cacheFolder()
                        .resolve("inputs")
                        .resolve(ContentKey.sha256(location).substring(0, 16));
        Path target = folder.resolve(name);
        try {
            Files.createDirectories(folder);
            Path part = Files.createTempFile(folder, name, ".part");
            try {
                if (!S3Remote.fromEnvironment(s3.bucket(), "").download(key, part)) {
                    throw new BadInputException(what + ": no such object in the bucket");
                }
                // another process fetching the same object at once replaces it with the same bytes
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot keep a copy of " + location + " in " + folder, e);
        }
        return target;
    }
}
