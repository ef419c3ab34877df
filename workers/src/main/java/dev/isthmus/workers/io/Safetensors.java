package dev.isthmus.workers.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads and writes safetensors files (an 8-byte little-endian header length, a JSON header, then
 * the tensor bytes), validating the whole header before reading any tensor data.
 *
 * @see <a href="https://github.com/huggingface/safetensors">the format definition</a>
 */
public final class Safetensors {
    private static final int LENGTH_PREFIX_BYTES = Long.BYTES;

    private Safetensors() {}

    /**
     * Reads a whole checkpoint into memory.
     *
     * @throws CheckpointException naming the file (and tensor) if it is missing, unreadable or
     *     breaks any format rule
     */
    public static Checkpoint read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileBytes = channel.size();
            if (fileBytes < LENGTH_PREFIX_BYTES) {
                throw new CheckpointException(
                        file,
                        "truncated: the file has "
                                + fileBytes
                                + " bytes, fewer than the 8-byte header length prefix");
            }
            long headerBytes = readFully(file, channel, 0, LENGTH_PREFIX_BYTES).getLong();
            long afterPrefix = fileBytes - LENGTH_PREFIX_BYTES;
            if (headerBytes < 0 || headerBytes > SafetensorsHeader.MAX_HEADER_BYTES) {
                throw new CheckpointException(
                        file,
                        "header length "
                                + Long.toUnsignedString(headerBytes)
                                + " is over the "
                                + SafetensorsHeader.MAX_HEADER_BYTES
                                + "-byte limit; this is probably not a safetensors file");
            }
            if (headerBytes > afterPrefix) {
                throw new CheckpointException(
                        file,
                        "truncated: header says "
                                + headerBytes
                                + " bytes but the file has "
                                + afterPrefix
                                + " after the length prefix");
            }
            byte[] json = readFully(file, channel, LENGTH_PREFIX_BYTES, (int) headerBytes).array();
            long dataStart = LENGTH_PREFIX_BYTES + headerBytes;
            SafetensorsHeader header = SafetensorsHeader.parse(file, json, fileBytes - dataStart);
            SortedMap<String, HostTensor> tensors = new TreeMap<>();
            for (SafetensorsHeader.Entry entry : header.entries()) {
                byte[] data =
                        readFully(file, channel, dataStart + entry.begin(), entry.byteLength())
                                .array();
                tensors.put(entry.name(), new HostTensor(entry.dtype(), entry.shape(), data));
            }
            return new Checkpoint(header.metadata(), tensors);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "no such file", e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
    }

    /**
     * Writes {@code checkpoint} so that the same checkpoint always gives the same bytes, through a
     * temporary file in the same folder that replaces {@code file} atomically.
     *
     * @throws CheckpointException naming the file if it cannot be written
     */
    public static void write(Path file, Checkpoint checkpoint) {
        byte[] header = HeaderEncoder.encode(checkpoint);
        if (header.length > SafetensorsHeader.MAX_HEADER_BYTES) {
            throw new CheckpointException(
                    file,
                    "header would be "
                            + header.length
                            + " bytes, over the "
                            + SafetensorsHeader.MAX_HEADER_BYTES
                            + "-byte limit readers enforce; split the checkpoint");
        }
        Path folder = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            // Not Files.createTempFile: its owner-only permissions would stick to the result.
            temp = folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (FileChannel channel =
                    FileChannel.open(
                            temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer prefix = ByteBuffer.allocate(LENGTH_PREFIX_BYTES);
                prefix.order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
                writeFully(channel, prefix);
                writeFully(channel, ByteBuffer.wrap(header));
                for (HostTensor tensor : checkpoint.tensors().values()) {
                    writeFully(channel, ByteBuffer.wrap(tensor.data()));
                }
                channel.force(true);
            }
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            // A full disk or a lost mount is the machine's fault, not the checkpoint's: retryable.
            throw new UncheckedIOException(
                    file + ": cannot write (" + IoReason.of(e) + "); nothing was written", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new CheckpointException(
                        file, "truncated: the file ended while reading, was it being written?");
            }
        }
        return buffer.flip();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The write already failed; that error is the one worth reporting.
        }
    }
}
