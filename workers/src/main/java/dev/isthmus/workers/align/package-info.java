/**
 * Alignment: permutations that map endpoint B onto endpoint A without changing B's function (weight
 * matching, activation matching), and the exact linear assignment solver they rely on.
 */
package dev.isthmus.workers.align;
