/**
 * The operator against a real kube-apiserver and etcd (Fabric8's kube-api-test, offline, with
 * binaries built here by {@code e2e/cluster api-server-binaries}): the CRD's schema, the status
 * subresource, watches, conflicts, owner references and a sweep's life.
 */
package dev.isthmus.operator.real;
