package dev.isthmus.workers.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads gzip-compressed files in the IDX format of LeCun's MNIST distribution (a big-endian header
 * of magic number and dimensions, then unsigned bytes), checking every header field.
 */
final class IdxFile {
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;
    private static final int BUFFER = 1 << 16;

    private IdxFile() {}

    /** Reads a rows × cols image file, mapping each pixel byte v to {@code pixel[v]}. */
    static float[] readImages(Path file, int rows, int cols, float[] pixel) {
        try (DataInputStream in = open(file)) {
            int count = header(file, in, IMAGES_MAGIC, "images");
            int r = in.readInt();
            int c = in.readInt();
            if (r != rows || c != cols) {
                throw new DatasetException(
                        file + ": expected " + rows + "x" + cols + " images, got " + r + "x" + c);
            }
            long total = (long) count * rows * cols;
            if (total > Integer.MAX_VALUE - 8) {
                throw new DatasetException(
                        file + ": " + count + " images are too many to hold in one array");
            }
            float[] x = new float[(int) total]; // (count, rows * cols)
            byte[] buf = new byte[BUFFER];
            int done = 0;
            while (done < total) {
                int got = in.read(buf, 0, (int) Math.min(BUFFER, total - done));
                if (got < 0) {
                    throw truncated(file, total, done, "pixel");
                }
                for (int i = 0; i < got; i++) {
                    x[done + i] = pixel[buf[i] & 0xFF];
                }
                done += got;
            }
            expectEnd(file, in, count, "images");
            return x;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Reads a label file whose labels must lie in 0..classes-1. */
    static int[] readLabels(Path file, int classes) {
        try (DataInputStream in = open(file)) {
            int count = header(file, in, LABELS_MAGIC, "labels");
            byte[] bytes = new byte[count];
            int got = in.readNBytes(bytes, 0, count);
            if (got < count) {
                throw truncated(file, count, got, "label");
            }
            expectEnd(file, in, count, "labels");
            int[] y = new int[count];
            for (int i = 0; i < count; i++) {
                y[i] = bytes[i] & 0xFF;
                if (y[i] >= classes) {
                    throw new DatasetException(
                            file
                                    + ": label "
                                    + y[i]
                                    + " at row "
                                    + i
                                    + " is outside 0.."
                                    + (classes - 1));
                }
            }
            return y;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new DataInputStream(new GZIPInputStream(raw, BUFFER));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Checks the magic number and returns the item count. */
    private static int header(Path file, DataInputStream in, int magic, String kind)
            throws IOException {
        int found = in.readInt();
        if (found != magic) {
            throw new DatasetException(
                    file
                            + ": expected IDX magic number "
                            + magic
                            + " ("
                            + kind
                            + "), got "
                            + found);
        }
        int count = in.readInt();
        if (count < 0) {
            throw new DatasetException(
                    file + ": expected a non-negative count of " + kind + ", got " + count);
        }
        return count;
    }

    private static void expectEnd(Path file, InputStream in, int count, String kind)
            throws IOException {
        if (in.read() >= 0) {
            throw new DatasetException(
                    file + ": holds more data than the " + count + " " + kind + " in its header");
        }
    }

    private static DatasetException truncated(Path file, long expected, long got, String unit) {
        return new DatasetException(
                file
                        + ": truncated, expected "
                        + expected
                        + " "
                        + unit
                        + " bytes after the header, got "
                        + got);
    }

    private static DatasetException unreadable(Path file, IOException e) {
        if (e instanceof EOFException) {
            return new DatasetException(
                    file + ": truncated, the file ends before its IDX header and data", e);
        }
        if (e instanceof ZipException) {
            return new DatasetException(
                    file + ": expected gzip-compressed IDX data (" + e.getMessage() + ")", e);
        }
        return new DatasetException(file + ": cannot be read (" + e + ")", e);
    }
}
