package dev.isthmus.workers.store;

import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A sweep's folder in a {@code file://} store. Every write goes to a temporary file beside its
 * target and is renamed into place, so readers see whole files or nothing, and a crash never leaves
 * half a result behind.
 */
public final class RunStore {
    private final Path root;

    public RunStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Opens {@code <store>/<sweep>} for a store written as a folder path or a {@code file://} URI;
     * a relative folder resolves against the working directory.
     */
    public static RunStore open(String store, String sweep) {
        return new RunStore(Locations.resolve(store, Path.of("")).resolve(sweep));
    }

    public Path root() {
        return root;
    }

    public Path path(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("path escapes the run store: " + relative);
        }
        return p;
    }

    public boolean exists(String relative) {
        return Files.isRegularFile(path(relative));
    }

    public byte[] read(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(relative), e);
        }
    }

    public <T> T readJson(String relative, Class<T> type) {
        return Json.read(read(relative), type, path(relative).toString());
    }

    public void write(String relative, byte[] content) {
        Path target = path(relative);
        try {
            Files.createDirectories(target.getParent());
            Path tmp =
                    target.resolveSibling(
                            "." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (FileChannel ch =
                    FileChannel.open(
                            tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true); // the bytes reach the disk before the rename makes them visible
            }
            moveAtomically(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public void writeJson(String relative, Object value) {
        write(relative, Json.bytes(value));
    }

    public void writeCheckpoint(String relative, Checkpoint checkpoint) {
        Path target = path(relative);
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target.getParent(), e);
        }
        Safetensors.write(target, checkpoint);
    }

    public void delete(String relative) {
        try {
            Files.deleteIfExists(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path(relative), e);
        }
    }

    static void moveAtomically(Path tmp, Path target) throws IOException {
        try {
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.delete(tmp);
            throw new IOException("the file system under " + target + " has no atomic rename", e);
        }
    }
}
