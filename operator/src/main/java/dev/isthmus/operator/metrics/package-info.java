/** Prometheus metrics (Micrometer): sweeps, runs, tasks, barriers, regressions, reconciles. */
package dev.isthmus.operator.metrics;
