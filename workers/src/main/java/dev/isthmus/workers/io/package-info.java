/**
 * Checkpoint I/O: reading and writing safetensors files with strict header validation, and the
 * plain-Java tensors ({@link dev.isthmus.workers.io.HostTensor}) they hold before any engine sees
 * them.
 */
package dev.isthmus.workers.io;
