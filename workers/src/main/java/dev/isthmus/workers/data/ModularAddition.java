package dev.isthmus.workers.data;

import java.util.SplittableRandom;

/**
 * Modular addition, the grokking task of Power et al. (2022): every pair (a, b) with a, b in
 * 0..p-1, input one-hot(a) ++ one-hot(b), label (a + b) mod p, split at random into train and test.
 */
public final class ModularAddition {
    public static final String NAME = "modular-addition";
    public static final int DEFAULT_MODULUS = 97;
    public static final double DEFAULT_TRAIN_FRACTION = 0.5;

    /** Keeps the p² × 2p input array within one Java array. */
    public static final int MAX_MODULUS = 1000;

    private ModularAddition() {}

    /**
     * All p² pairs shuffled with {@code seed}; the first round(trainFraction · p²) form the
     * training split and the rest the test split, which the dataset evaluates on.
     */
    public static Dataset generate(int p, double trainFraction, long seed) {
        if (p < 2 || p > MAX_MODULUS) {
            throw new DatasetException(
                    "spec.dataset.modulus: expected 2.." + MAX_MODULUS + ", got " + p);
        }
        int pairs = p * p;
        long trainSize = Math.round(trainFraction * pairs);
        if (!(trainFraction > 0 && trainFraction < 1) || trainSize < 1 || trainSize >= pairs) {
            throw new DatasetException(
                    "spec.dataset.trainFraction: expected a value in (0, 1) that leaves at least"
                            + " one of the "
                            + pairs
                            + " pairs in each split, got "
                            + trainFraction);
        }
        int[] order = Sampling.permutation(pairs, new SplittableRandom(seed)); // pair a * p + b
        Split train = rows(p, order, 0, (int) trainSize);
        Split test = rows(p, order, (int) trainSize, pairs);
        String description =
                String.format(
                        "modular addition mod %d: one-hot(a) ++ one-hot(b) -> (a + b) mod %d,"
                                + " %d of the %d pairs for training (data seed %d)",
                        p, p, trainSize, pairs, seed);
        return new Dataset(NAME, train, test, 2 * p, p, description);
    }

    private static Split rows(int p, int[] order, int from, int to) {
        int n = to - from;
        int features = 2 * p;
        float[] x = new float[Math.multiplyExact(n, features)]; // (n, 2p)
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int a = order[from + i] / p;
            int b = order[from + i] % p;
            x[i * features + a] = 1f;
            x[i * features + p + b] = 1f;
            y[i] = (a + b) % p;
        }
        return new Split(x, y, n, features);
    }
}
