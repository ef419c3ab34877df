/** Tests of reading Argo Workflows. */
package dev.isthmus.operator.observe;
