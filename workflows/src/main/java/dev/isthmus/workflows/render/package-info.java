/**
 * Plan → Argo: {@link dev.isthmus.workflows.render.WorkflowRenderer} turns a validated sweep into a
 * Workflow (or, with {@code spec.schedule}, a CronWorkflow) whose DAG runs the plan's stages as
 * worker pods, {@code isthmus task <stage> --index N --batch B}, fanned out with {@code
 * withSequence} so its size does not grow with the sweep.
 */
package dev.isthmus.workflows.render;
