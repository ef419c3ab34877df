/** The compute engine: DJL's PyTorch engine, offline, on a chosen device and thread count. */
package dev.isthmus.workers.engine;
