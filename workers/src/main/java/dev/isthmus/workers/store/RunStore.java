package dev.isthmus.workers.store;

import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.IoReason;
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
 * A sweep's folder in a run store. Every write goes to a temporary file beside its target and is
 * renamed into place, so readers see whole files or nothing, and a crash never leaves half a result
 * behind.
 *
 * <p>With a {@link Remote} ({@code s3://bucket/prefix}) the folder is a local cache: reads fetch
 * missing files (and always re-fetch the small JSON and CSV records, which later tasks may
 * rewrite), writes are uploaded whole after the local write. The remote is the truth for {@link
 * #exists}. Checkpoints are named by content key, so a cached one never goes stale.
 */
public final class RunStore {
    private final Path root;
    private final Remote remote; // null for a file:// store

    public RunStore(Path root) {
        this(root, null);
    }

    public RunStore(Path root, Remote remote) {
        this(root, remote, FileChannel::write);
    }

    /** Writes one buffer's worth to a channel; tests inject faults (a disk filling up) here. */
    @FunctionalInterface
    interface ChannelWriter {
        void write(FileChannel channel, ByteBuffer buffer) throws IOException;
    }

    private final ChannelWriter writer;

    RunStore(Path root, Remote remote, ChannelWriter writer) {
        this.root = root.toAbsolutePath().normalize();
        this.remote = remote;
        this.writer = writer;
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) return;
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the write already failed; that failure is the one to report
        }
    }

    /**
     * Opens {@code <store>/<sweep>} for a store written as a folder path, a {@code file://} URI (a
     * relative folder resolves against the working directory), or {@code s3://bucket/prefix}
     * (cached under {@link #cacheFolder()}).
     */
    public static RunStore open(String store, String sweep) {
        return open(store, sweep, Path.of(""));
    }

    /** As {@link #open(String, String)}, with a relative folder resolved against {@code base}. */
    public static RunStore open(String store, String sweep, Path base) {
        S3Location s3 = S3Location.parse(store);
        if (s3 != null) {
            String prefix = s3.prefix().isEmpty() ? sweep : s3.prefix() + "/" + sweep;
            Path cache = cacheFolder().resolve(s3.bucket()).resolve(prefix);
            return new RunStore(cache, S3Remote.fromEnvironment(s3.bucket(), prefix));
        }
        return new RunStore(Locations.resolve(store, base.toAbsolutePath()).resolve(sweep));
    }

    /**
     * Where remote stores are cached: {@code ISTHMUS_CACHE} (or the system property {@code
     * isthmus.cache}), else {@code isthmus-cache} in the temporary folder.
     */
    public static Path cacheFolder() {
        String v = System.getProperty("isthmus.cache");
        if (v == null || v.isBlank()) v = System.getenv("ISTHMUS_CACHE");
        if (v == null || v.isBlank()) v = System.getProperty("java.io.tmpdir") + "/isthmus-cache";
        return Path.of(v);
    }

    /** The local folder (the cache, for a remote store). */
    public Path root() {
        return root;
    }

    /** Where a file lives, for messages: a local path or an {@code s3://} URI. */
    public String describe(String relative) {
        return remote == null ? local(relative).toString() : remote.describe(key(relative));
    }

    /** The local file for {@code relative}, fetched from the remote first when needed. */
    public Path path(String relative) {
        Path p = local(relative);
        if (remote != null && (refetched(relative) || !Files.isRegularFile(p))) {
            fetch(relative, p);
        }
        return p;
    }

    public boolean exists(String relative) {
        if (remote != null) return remote.exists(key(relative));
        return Files.isRegularFile(local(relative));
    }

    public byte[] read(String relative) {
        Path p = path(relative);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe(relative), e);
        }
    }

    public <T> T readJson(String relative, Class<T> type) {
        return Json.read(read(relative), type, describe(relative));
    }

    public void write(String relative, byte[] content) {
        Path target = local(relative);
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp =
                    target.resolveSibling(
                            "." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (FileChannel ch =
                    FileChannel.open(
                            tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) writer.write(ch, buf);
                ch.force(true); // the bytes reach the disk before the rename makes them visible
            }
            moveAtomically(tmp, target);
            tmp = null;
        } catch (IOException e) {
            throw new StoreException(
                    "cannot write "
                            + target
                            + " ("
                            + IoReason.of(e)
                            + "); nothing was written, the previous version (if any) is kept",
                    e);
        } finally {
            deleteQuietly(tmp); // a full disk leaves no half file behind
        }
        upload(relative, target);
    }

    /**
     * Uploads a file just written to the cache. When the upload fails the cached copy is removed
     * too: the cache never holds a file the bucket does not, so nothing in it passes for done.
     */
    private void upload(String relative, Path target) {
        if (remote == null) return;
        try {
            remote.upload(key(relative), target);
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    public void writeJson(String relative, Object value) {
        write(relative, Json.bytes(value));
    }

    public void writeCheckpoint(String relative, Checkpoint checkpoint) {
        Path target = local(relative);
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target.getParent(), e);
        }
        Safetensors.write(target, checkpoint);
        upload(relative, target);
    }

    public void delete(String relative) {
        try {
            Files.deleteIfExists(local(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + local(relative), e);
        }
        if (remote != null) remote.delete(key(relative));
    }

    private Path local(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw new BadInputException("path escapes the run store: " + relative);
        }
        return p;
    }

    private String key(String relative) {
        return root.relativize(local(relative)).toString().replace('\\', '/');
    }

    private static boolean refetched(String relative) {
        return relative.endsWith(".json") || relative.endsWith(".csv");
    }

    /** Downloads to a temporary file and renames it into place, like every write. */
    private void fetch(String relative, Path target) {
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp =
                    target.resolveSibling(
                            "." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            if (remote.download(key(relative), tmp)) {
                moveAtomically(tmp, target);
                tmp = null;
            } else {
                Files.deleteIfExists(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache " + describe(relative), e);
        } finally {
            deleteQuietly(tmp); // a download cut short leaves nothing in the cache
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
