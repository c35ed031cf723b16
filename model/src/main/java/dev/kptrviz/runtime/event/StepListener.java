package dev.kptrviz.runtime.event;

/** Receives one event per executed instruction. */
@FunctionalInterface
public interface StepListener {
    void onStep(StepEvent event);
}
