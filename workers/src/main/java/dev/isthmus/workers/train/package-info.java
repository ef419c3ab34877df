/** Seeded, deterministic minibatch training of endpoints with SGD or Adam. */
package dev.isthmus.workers.train;
