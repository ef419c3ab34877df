/**
 * The Planner turns a validated sweep into a {@link dev.isthmus.api.plan.Plan}: stages of tasks
 * addressed by (stage, index), each with a content key derived from what it depends on.
 */
package dev.isthmus.api.plan;
