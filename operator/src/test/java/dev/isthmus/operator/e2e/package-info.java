/** End-to-end test: the operator's Workflow executed through the real worker jar. */
package dev.isthmus.operator.e2e;
