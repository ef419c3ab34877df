/** Tests of the operator's metrics. */
package dev.isthmus.operator.metrics;
