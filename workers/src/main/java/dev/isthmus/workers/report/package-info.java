/** results.json, curves.csv and the summary table printed at the end of a run. */
package dev.isthmus.workers.report;
