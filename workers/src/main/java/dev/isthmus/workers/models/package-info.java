/**
 * Models as pure functions of a named parameter map, with PyTorch {@code state_dict} names so that
 * checkpoints trained in PyTorch load as they are.
 */
package dev.isthmus.workers.models;
