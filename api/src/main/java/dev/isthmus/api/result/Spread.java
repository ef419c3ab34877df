package dev.isthmus.api.result;

/** Mean and maximum of one barrier over the pairs of a summary row. */
public record Spread(double mean, double max) {}
