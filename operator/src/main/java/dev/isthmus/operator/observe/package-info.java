/** Reading Argo Workflows (phase, nodes, the aggregate's summary) without changing them. */
package dev.isthmus.operator.observe;
