/**
 * The command line ({@code java -jar model/target/kptrviz.jar}), built with picocli. Decision:
 * commands are thin: they load, call the model and print; exit codes are shared by all of them
 * (0 fine, 1 findings/rejections, 2 bad input).
 */
package dev.kptrviz.cli;
