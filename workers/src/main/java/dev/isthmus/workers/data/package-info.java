/**
 * Datasets for training and evaluating small networks: Fashion-MNIST read from IDX files, and the
 * generated modular-addition and sparse-parity tasks, held as plain row-major arrays.
 */
package dev.isthmus.workers.data;
