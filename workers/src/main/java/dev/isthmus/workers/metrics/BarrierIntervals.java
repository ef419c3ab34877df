package dev.isthmus.workers.metrics;

/**
 * Percentile bootstrap intervals of the three barriers of one curve (see {@link Bootstrap}).
 *
 * @param level coverage, e.g. 0.95
 * @param resamples bootstrap resamples of the evaluation examples
 * @param lin interval of the chord barrier
 * @param mean interval of the barrier above the endpoints' mean
 * @param max interval of the barrier above the worse endpoint
 */
public record BarrierIntervals(
        double level, int resamples, Interval lin, Interval mean, Interval max) {

    /** The ends of one interval (NaN when the barrier is undefined). */
    public record Interval(double lower, double upper) {
        /** Whether {@code x} lies in the closed interval. */
        public boolean contains(double x) {
            return lower <= x && x <= upper;
        }
    }
}
