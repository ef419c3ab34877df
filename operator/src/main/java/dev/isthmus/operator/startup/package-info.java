/** What the operator checks before the SDK starts its controllers. */
package dev.isthmus.operator.startup;
