/** Benchmarks: throughput as ratios against a reference measured in the same run. */
package dev.isthmus.workers.bench;
