/**
 * What one step of the emulator changed, for observers and for the lockstep session's time travel.
 * Decision: every change carries its old value (registers, bytes, slots, refcounts, owners, whole
 * collection shapes), so applying the changes of a step backwards undoes it; events are only built
 * when a {@link dev.kptrviz.runtime.event.StepListener} is attached.
 */
package dev.kptrviz.runtime.event;
