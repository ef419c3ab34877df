package dev.isthmus.workers.data;

import dev.isthmus.api.validation.BadInputException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded Fisher–Yates shuffles and samples over {@link SplittableRandom}, so a seed gives the same
 * rows on every JVM.
 */
final class Sampling {

    private Sampling() {}

    /** A uniformly random permutation of 0..n-1. */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = identity(n);
        for (int i = n - 1; i > 0; i--) {
            swap(p, i, rng.nextInt(i + 1));
        }
        return p;
    }

    /** k distinct indices drawn uniformly from 0..n-1, returned in ascending order. */
    static int[] sortedSample(int n, int k, SplittableRandom rng) {
        if (k < 0 || k > n) {
            throw new BadInputException("sample: expected 0 <= k <= " + n + ", got " + k);
        }
        int[] p = identity(n);
        for (int i = 0; i < k; i++) { // partial Fisher–Yates: p[0..i] is the sample so far
            swap(p, i, i + rng.nextInt(n - i));
        }
        int[] sample = Arrays.copyOf(p, k);
        Arrays.sort(sample);
        return sample;
    }

    /** The indices 0..n-1 in order. */
    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
