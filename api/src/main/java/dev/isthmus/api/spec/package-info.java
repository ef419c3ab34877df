/**
 * The sweep spec: the typed form of a {@code ConnectivitySweep} document, shared by the local CLI
 * and (later) the Kubernetes custom resource.
 */
package dev.isthmus.api.spec;
