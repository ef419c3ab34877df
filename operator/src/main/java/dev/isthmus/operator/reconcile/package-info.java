/** The ConnectivitySweep controller: observe → validate → reconcile, and the objects it owns. */
package dev.isthmus.operator.reconcile;
