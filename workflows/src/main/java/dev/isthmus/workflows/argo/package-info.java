/**
 * A small typed model of the Argo Workflows objects Isthmus emits (Argo has no Java SDK on Maven
 * Central): records named after Argo's own types, reusing Fabric8's Kubernetes model for
 * containers, volumes, tolerations and object metadata. Only the fields we set exist here; tests
 * check every rendered object against Argo's JSON schema.
 */
package dev.isthmus.workflows.argo;
