/**
 * JMH benchmarks of the runtime emulator, compiled with the tests and run on demand with
 * {@code mvn -q -pl model test-compile exec:java -Dexec.skip=false -Dexec.classpathScope=test
 * -Dexec.mainClass=org.openjdk.jmh.Main "-Dexec.args=RunBench -f 0 -wi 2 -i 3 -r 1s -w 1s"}.
 * Decision: throughput is counted in executed BPF instructions (an auxiliary counter), not runs.
 */
package dev.kptrviz.bench;
