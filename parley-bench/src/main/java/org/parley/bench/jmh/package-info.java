/**
 * JMH microbenchmarks of the hot paths (issue 13 §1): record seal/open per cipher, the frame codec,
 * the chat codec, and fan-out of one room message to N established channels in memory. Run by hand:
 * {@code source bench/classpath.sh; java -cp "$BENCH_CP" org.openjdk.jmh.Main 'org.parley.bench.jmh'}
 * (bench/README.md). Never part of the build's tests.
 */
package org.parley.bench.jmh;
