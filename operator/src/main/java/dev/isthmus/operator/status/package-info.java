/** A sweep's status, derived from observed Workflows and the previous status. */
package dev.isthmus.operator.status;
