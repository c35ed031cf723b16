/**
 * The JavaFX desktop front end. It draws what the model gives it (listings, collection roots,
 * and later snapshots and ownership graphs) and computes no semantics of its own: every fact on
 * screen comes from {@code dev.kptrviz.program} and the model packages behind it.
 */
package dev.kptrviz.app;
