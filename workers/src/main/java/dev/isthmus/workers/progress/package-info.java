/**
 * Progress reporting for long work (epochs, path evaluation): bars on a terminal, lines in logs.
 */
package dev.isthmus.workers.progress;
