/** Tests of the reconciler that need no API server. */
package dev.isthmus.operator.reconcile;
