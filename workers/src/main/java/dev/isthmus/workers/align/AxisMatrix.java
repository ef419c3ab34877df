package dev.isthmus.workers.align;

import dev.isthmus.workers.io.HostTensor;

/**
 * One axis of a row-major tensor viewed as the rows of a float64 matrix (size of the axis, product
 * of the other sizes), the other axes flattened in their order, and back: the layout in which an
 * orthogonal map acts on that axis (Q·X) and in which Procrustes sums its cross products.
 *
 * @param rows the axis size
 * @param cols the product of the other axes' sizes
 * @param data row-major (rows × cols)
 */
record AxisMatrix(int rows, int cols, double[] data) {

    /** {@code t} with {@code axis} first. */
    static AxisMatrix of(HostTensor t, int axis) {
        long[] shape = t.shape();
        int outer = 1;
        for (int k = 0; k < axis; k++) outer *= (int) shape[k];
        int n = (int) shape[axis];
        int inner = 1;
        for (int k = axis + 1; k < shape.length; k++) inner *= (int) shape[k];
        float[] x = t.toFloats();
        int cols = outer * inner;
        double[] m = new double[Math.multiplyExact(n, cols)];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < n; i++) {
                int src = (o * n + i) * inner;
                int dst = i * cols + o * inner;
                for (int j = 0; j < inner; j++) m[dst + j] = x[src + j];
            }
        }
        return new AxisMatrix(n, cols, m);
    }

    /** The tensor of {@code shape} whose {@code axis}-first matrix is this one (float32). */
    HostTensor toTensor(long[] shape, int axis) {
        int outer = 1;
        for (int k = 0; k < axis; k++) outer *= (int) shape[k];
        int inner = cols / Math.max(outer, 1);
        float[] x = new float[Math.multiplyExact(rows, cols)];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < rows; i++) {
                int dst = (o * rows + i) * inner;
                int src = i * cols + o * inner;
                for (int j = 0; j < inner; j++) x[dst + j] = (float) data[src + j];
            }
        }
        return HostTensor.ofFloats(shape, x);
    }

    /** Q·X for a row-major (rows × rows) Q. */
    AxisMatrix leftMultiply(double[] q) {
        double[] out = new double[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < rows; k++) {
                double f = q[i * rows + k];
                if (f == 0) continue;
                int src = k * cols;
                int dst = i * cols;
                for (int j = 0; j < cols; j++) out[dst + j] += f * data[src + j];
            }
        }
        return new AxisMatrix(rows, cols, out);
    }

    /** Adds X·Yᵀ (rows × rows) to {@code sum}. */
    void addCrossInto(AxisMatrix y, double[] sum) {
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < rows; k++) {
                double s = 0;
                int xi = i * cols;
                int yk = k * cols;
                for (int j = 0; j < cols; j++) s += data[xi + j] * y.data[yk + j];
                sum[i * rows + k] += s;
            }
        }
    }

    /** Subtracts each column's mean over the rows: every fibre along the axis sums to zero. */
    AxisMatrix centred() {
        double[] out = data.clone();
        for (int j = 0; j < cols; j++) {
            double mean = 0;
            for (int i = 0; i < rows; i++) mean += data[i * cols + j];
            mean /= rows;
            for (int i = 0; i < rows; i++) out[i * cols + j] -= mean;
        }
        return new AxisMatrix(rows, cols, out);
    }

    /** Each column's mean over the rows. */
    double[] columnMeans() {
        double[] means = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) means[j] += data[i * cols + j];
        }
        for (int j = 0; j < cols; j++) means[j] /= rows;
        return means;
    }
}
