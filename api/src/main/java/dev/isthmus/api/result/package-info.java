/**
 * What a finished run reports, shared by the workers that write it, {@code isthmus compare} and the
 * operator that read it: the per-row barrier summary, the small run summary a cluster's aggregate
 * pod publishes, and the regression gate both hold a run to.
 */
package dev.isthmus.api.result;
