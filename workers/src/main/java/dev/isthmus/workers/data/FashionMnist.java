package dev.isthmus.workers.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017) read from the four IDX .gz files that Debian's
 * {@code dataset-fashion-mnist} package installs, with pixels scaled to [0, 1] and standardised.
 */
public final class FashionMnist {
    public static final String NAME = "fashion-mnist";
    public static final String DEFAULT_PATH = "/usr/share/datasets/fashion-mnist";
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    /** Mean and standard deviation of the training pixels after scaling to [0, 1]. */
    public static final float MEAN = 0.2860f;

    public static final float STD = 0.3530f;

    public static final int SIDE = 28;
    public static final int FEATURES = SIDE * SIDE;
    public static final int CLASSES = 10;

    private static final String INSTALL_HINT =
            "install Debian's dataset-fashion-mnist package"
                    + " (apt-get install dataset-fashion-mnist) or set spec.dataset.path";

    private FashionMnist() {}

    /** Reads both splits from {@code folder}; the returned dataset evaluates on the test split. */
    public static Dataset load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(NAME + ": folder " + folder + " not found; " + INSTALL_HINT);
        }
        float[] pixel = normalisedPixels();
        Split train = split(folder, TRAIN_IMAGES, TRAIN_LABELS, pixel);
        Split test = split(folder, TEST_IMAGES, TEST_LABELS, pixel);
        String description =
                String.format(
                        "Fashion-MNIST from %s: %dx%d grayscale images scaled to [0, 1] and"
                                + " normalised with mean %.4f and std %.4f, %d classes",
                        folder, SIDE, SIDE, MEAN, STD, CLASSES);
        return new Dataset(NAME, train, test, FEATURES, CLASSES, description);
    }

    private static Split split(Path folder, String imagesName, String labelsName, float[] pixel) {
        Path images = existing(folder.resolve(imagesName));
        Path labels = existing(folder.resolve(labelsName));
        float[] x = IdxFile.readImages(images, SIDE, SIDE, pixel); // (n, 784)
        int[] y = IdxFile.readLabels(labels, CLASSES);
        int n = x.length / FEATURES;
        if (y.length != n) {
            throw new DatasetException(
                    labels
                            + ": holds "
                            + y.length
                            + " labels but "
                            + images
                            + " holds "
                            + n
                            + " images");
        }
        return new Split(x, y, n, FEATURES);
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(NAME + ": " + file + " not found; " + INSTALL_HINT);
        }
        return file;
    }

    /** Maps each pixel byte v to (v / 255 - MEAN) / STD. */
    private static float[] normalisedPixels() {
        float[] pixel = new float[256];
        for (int v = 0; v < 256; v++) {
            pixel[v] = (v / 255f - MEAN) / STD;
        }
        return pixel;
    }
}
