/** Operator tests on Fabric8's mock API server (Argo's progress simulated) and shared fixtures. */
package dev.isthmus.operator;
