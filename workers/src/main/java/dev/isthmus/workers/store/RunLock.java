package dev.isthmus.workers.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One {@code isthmus run} at a time per sweep folder: an exclusive lock on {@code .lock} in it,
 * holding the process id, host and start time of its holder so that a second run can say who has
 * it. The operating system releases the lock when the holder exits, also after {@code kill -9}, so
 * a stale file never blocks a later run.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code folder}.
     *
     * @throws LockedException naming the holder when another run has it
     */
    public static RunLock acquire(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            Files.createDirectories(folder);
            FileChannel ch =
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                throw new LockedException(folder, holder);
            }
            String me =
                    "pid "
                            + ProcessHandle.current().pid()
                            + " on "
                            + host()
                            + ", started "
                            + Instant.ofEpochMilli(
                                            ManagementFactory.getRuntimeMXBean().getStartTime())
                                    .truncatedTo(ChronoUnit.SECONDS)
                            + "\n";
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new RunLock(ch, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        ch.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "another process (which has not written its name yet)" : text;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "an unknown host";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the run lock", e);
        }
    }

    /** Another run holds the sweep folder. */
    public static final class LockedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LockedException(Path folder, String holder) {
            super(
                    folder
                            + ": another isthmus run is using this sweep folder ("
                            + holder
                            + "); wait for it to finish or stop it, then run again");
        }
    }
}
