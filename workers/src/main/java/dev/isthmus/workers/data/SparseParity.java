package dev.isthmus.workers.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sparse parity (Barak et al. 2022): n random bits in {-1, +1}, labelled by the parity of a hidden
 * subset S of k of them (1 when an odd number of bits in S are -1).
 */
public final class SparseParity {
    public static final String NAME = "sparse-parity";
    public static final int DEFAULT_BITS = 40;
    public static final int DEFAULT_RELEVANT = 3;
    public static final int DEFAULT_TRAIN_EXAMPLES = 20000;
    public static final int DEFAULT_TEST_EXAMPLES = 5000;

    private SparseParity() {}

    /**
     * Draws S, then the training and test examples, from one stream seeded with {@code seed}; the
     * dataset evaluates on the test split and names S in its description.
     */
    public static Dataset generate(int bits, int relevant, int trainSize, int testSize, long seed) {
        if (bits < 1) {
            throw new DatasetException("spec.dataset.bits: expected at least 1, got " + bits);
        }
        if (relevant < 1 || relevant > bits) {
            throw new DatasetException(
                    "spec.dataset.relevant: expected 1.." + bits + " (bits), got " + relevant);
        }
        checkSize("trainExamples", trainSize, bits);
        checkSize("evalExamples", testSize, bits);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] subset = relevantBits(bits, relevant, rng);
        Split train = examples(bits, subset, trainSize, rng);
        Split test = examples(bits, subset, testSize, rng);
        String description =
                String.format(
                        "sparse parity: %d bits in {-1, +1}, label 1 when an odd number of the"
                                + " %d relevant bits S = %s are -1 (data seed %d)",
                        bits, relevant, Arrays.toString(subset), seed);
        return new Dataset(NAME, train, test, bits, 2, description);
    }

    /** The relevant subset S: the first draws of the stream, in ascending order. */
    static int[] relevantBits(int bits, int relevant, SplittableRandom rng) {
        return Sampling.sortedSample(bits, relevant, rng);
    }

    /** 1 when an odd number of the bits in {@code subset} of row {@code row} are -1, else 0. */
    static int parity(float[] x, int row, int bits, int[] subset) {
        int label = 0;
        for (int j : subset) {
            if (x[row * bits + j] < 0) {
                label ^= 1;
            }
        }
        return label;
    }

    private static Split examples(int bits, int[] subset, int n, SplittableRandom rng) {
        float[] x = new float[Math.multiplyExact(n, bits)]; // (n, bits)
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < bits; j++) {
                x[i * bits + j] = rng.nextBoolean() ? 1f : -1f;
            }
            y[i] = parity(x, i, bits, subset);
        }
        return new Split(x, y, n, bits);
    }

    private static void checkSize(String field, int n, int bits) {
        if (n < 1 || (long) n * bits > Integer.MAX_VALUE - 8) {
            throw new DatasetException(
                    "spec.dataset."
                            + field
                            + ": expected 1.."
                            + ((Integer.MAX_VALUE - 8) / bits)
                            + " generated examples, got "
                            + n);
        }
    }
}
