/**
 * Exports of what a session shows: the ownership graph of a step as DOT, SVG and PNG, the state of a step as
 * Markdown, the trace as JSON. Decision: the geometry of the graph ({@link dev.kptrviz.export.GraphLayout}) is
 * computed once and painted by one painter onto a small canvas interface with an SVG and a Java2D
 * implementation, so the SVG and the PNG are the same picture and follow the app's arrangement (roots on top,
 * cards placed by allocation id, sources on the left). Pure Java: java.awt only draws into images, headless.
 * This package sits on the session and under the CLI; the app reaches it through its SessionController.
 */
package dev.kptrviz.export;
