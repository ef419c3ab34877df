package dev.isthmus.workers.data;

import dev.isthmus.api.validation.BadInputException;

/**
 * One split of a dataset: {@code size} examples of {@code features} inputs each, stored row-major
 * in {@code x} (size × features), with one integer class label per example in {@code y}.
 *
 * <p>The arrays may be shared with a cache (see {@link Datasets}); callers must not modify them.
 */
public record Split(float[] x, int[] y, int size, int features) {

    public Split {
        if (x == null || y == null) {
            throw new BadInputException("split: x and y must not be null");
        }
        if (size < 0 || features < 1) {
            throw new BadInputException(
                    "split: expected size >= 0 and features >= 1, got size "
                            + size
                            + " and features "
                            + features);
        }
        if (x.length != (long) size * features || y.length != size) {
            throw new BadInputException(
                    "split: expected x of length "
                            + ((long) size * features)
                            + " and y of length "
                            + size
                            + ", got "
                            + x.length
                            + " and "
                            + y.length);
        }
    }

    /** Returns a new split holding copies of the given rows, in the order given. */
    public Split subset(int[] rows) {
        float[] sx = new float[Math.multiplyExact(rows.length, features)]; // (rows, features)
        int[] sy = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            if (row < 0 || row >= size) {
                throw new BadInputException("split: row " + row + " is outside 0.." + (size - 1));
            }
            System.arraycopy(x, row * features, sx, i * features, features);
            sy[i] = y[row];
        }
        return new Split(sx, sy, rows.length, features);
    }
}
