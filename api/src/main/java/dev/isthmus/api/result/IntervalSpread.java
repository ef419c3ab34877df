package dev.isthmus.api.result;

/**
 * The bootstrap intervals of one barrier over the pairs of a summary row: mean and maximum of the
 * pairs' lower ends and of their upper ends ({@code upper.max} is what a gate on the upper end
 * holds).
 *
 * @param level the intervals' coverage, e.g. 0.95
 */
public record IntervalSpread(double level, Spread lower, Spread upper) {}
