/** The ConnectivitySweep custom resource: spec from the api module, status written here. */
package dev.isthmus.operator.resource;
