/** Paths between endpoints in weight space and the curves measured along them. */
package dev.isthmus.workers.paths;
