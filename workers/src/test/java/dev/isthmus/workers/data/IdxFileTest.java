package dev.isthmus.workers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed or missing Fashion-MNIST files give errors that name the file at fault. */
class IdxFileTest {
    @TempDir Path dir;

    @BeforeEach
    void writeValidFiles() throws IOException {
        writeImages(FashionMnist.TRAIN_IMAGES, 2051, 3, 28, 28, 3 * 784);
        writeLabels(FashionMnist.TRAIN_LABELS, 2049, 3, new byte[] {0, 9, 4});
        writeImages(FashionMnist.TEST_IMAGES, 2051, 2, 28, 28, 2 * 784);
        writeLabels(FashionMnist.TEST_LABELS, 2049, 2, new byte[] {1, 2});
    }

    @Test
    void readsValidFilesWithNormalisedPixels() {
        Dataset d = FashionMnist.load(dir);
        assertEquals(3, d.train().size());
        assertEquals(2, d.eval().size());
        assertArrayEquals(new int[] {0, 9, 4}, d.train().y());
        // pixel i holds byte i % 256
        assertEquals((0 - FashionMnist.MEAN) / FashionMnist.STD, d.train().x()[0], 1e-6);
        assertEquals((1 - FashionMnist.MEAN) / FashionMnist.STD, d.train().x()[255], 1e-6);
    }

    @Test
    void badMagicNamesTheFileAndBothNumbers() throws IOException {
        writeImages(FashionMnist.TRAIN_IMAGES, 2049, 3, 28, 28, 3 * 784);
        assertMessage(
                file(FashionMnist.TRAIN_IMAGES)
                        + ": expected IDX magic number 2051 (images), got 2049");
    }

    @Test
    void truncatedPixelsNameTheFile() throws IOException {
        writeImages(FashionMnist.TRAIN_IMAGES, 2051, 3, 28, 28, 3 * 784 - 10);
        assertMessage(
                file(FashionMnist.TRAIN_IMAGES)
                        + ": truncated, expected 2352 pixel bytes after the header, got 2342");
    }

    @Test
    void truncatedGzipStreamNamesTheFile() throws IOException {
        Path images = file(FashionMnist.TEST_IMAGES);
        byte[] whole = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(whole, whole.length / 2));
        String message = error().getMessage();
        assertTrue(message.startsWith(images + ": truncated"), message);
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        writeLabels(FashionMnist.TRAIN_LABELS, 2049, 2, new byte[] {0, 9});
        assertMessage(
                file(FashionMnist.TRAIN_LABELS)
                        + ": holds 2 labels but "
                        + file(FashionMnist.TRAIN_IMAGES)
                        + " holds 3 images");
    }

    @Test
    void wrongImageSizeNamesTheFile() throws IOException {
        writeImages(FashionMnist.TEST_IMAGES, 2051, 2, 32, 32, 2 * 1024);
        assertMessage(file(FashionMnist.TEST_IMAGES) + ": expected 28x28 images, got 32x32");
    }

    @Test
    void labelOutOfRangeNamesTheFileAndRow() throws IOException {
        writeLabels(FashionMnist.TEST_LABELS, 2049, 2, new byte[] {1, 10});
        assertMessage(file(FashionMnist.TEST_LABELS) + ": label 10 at row 1 is outside 0..9");
    }

    @Test
    void trailingDataNamesTheFile() throws IOException {
        writeLabels(FashionMnist.TEST_LABELS, 2049, 1, new byte[] {1, 2});
        assertMessage(
                file(FashionMnist.TEST_LABELS)
                        + ": holds more data than the 1 labels in its header");
    }

    @Test
    void uncompressedFileNamesTheFile() throws IOException {
        Files.write(file(FashionMnist.TRAIN_LABELS), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        String message = error().getMessage();
        assertTrue(
                message.startsWith(
                        file(FashionMnist.TRAIN_LABELS) + ": expected gzip-compressed IDX data"),
                message);
    }

    @Test
    void missingFileNamesTheDebianPackage() throws IOException {
        Files.delete(file(FashionMnist.TEST_LABELS));
        assertMessage(
                "fashion-mnist: "
                        + file(FashionMnist.TEST_LABELS)
                        + " not found; install Debian's dataset-fashion-mnist package"
                        + " (apt-get install dataset-fashion-mnist) or set spec.dataset.path");
    }

    @Test
    void missingFolderNamesTheDebianPackage() {
        Path missing = dir.resolve("nowhere");
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.load(missing));
        assertEquals(
                "fashion-mnist: folder "
                        + missing
                        + " not found; install Debian's dataset-fashion-mnist package"
                        + " (apt-get install dataset-fashion-mnist) or set spec.dataset.path",
                e.getMessage());
    }

    private void assertMessage(String expected) {
        assertEquals(expected, error().getMessage());
    }

    private DatasetException error() {
        return assertThrows(DatasetException.class, () -> FashionMnist.load(dir));
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private void writeImages(String name, int magic, int count, int rows, int cols, int pixels)
            throws IOException {
        byte[] data = new byte[pixels];
        for (int i = 0; i < pixels; i++) {
            data[i] = (byte) i;
        }
        write(name, data, magic, count, rows, cols);
    }

    private void writeLabels(String name, int magic, int count, byte[] labels) throws IOException {
        write(name, labels, magic, count);
    }

    private void write(String name, byte[] data, int... header) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (int field : header) {
                out.writeInt(field);
            }
            out.write(data);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file(name)))) {
            out.write(bytes.toByteArray());
        }
    }
}
