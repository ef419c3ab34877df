/** Tests of the regression gate. */
package dev.isthmus.operator.gate;
