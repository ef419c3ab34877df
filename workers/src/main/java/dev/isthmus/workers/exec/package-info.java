/**
 * Running a plan: the {@link dev.isthmus.workers.exec.TaskRunner} runs one task (the unit a cluster
 * pod runs) and the {@link dev.isthmus.workers.exec.LocalExecutor} runs a whole plan on this
 * machine with a thread pool, retries and resume.
 */
package dev.isthmus.workers.exec;
