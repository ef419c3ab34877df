/**
 * The {@code isthmus} command line (picocli): run, validate, plan, task, render, train, evaluate,
 * align, compare, report, bench. Only this package uses the workflows module (render).
 */
package dev.isthmus.cli;
