/**
 * The {@code isthmus} command line (picocli): run, validate, plan, task, train, evaluate, bench.
 */
package dev.isthmus.workers.cli;
