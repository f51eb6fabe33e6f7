package com.tradeprocessing.benchmarks.domain;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every benchmark of this package shares, which its subclasses inherit (JMH's
 * class-level annotations are {@code @Inherited}; the closest one in the hierarchy wins): state per
 * benchmark, throughput and average time in microseconds, and short runs, because these paths take
 * microseconds and {@code make bench} runs on a shared machine; one fork so that each benchmark
 * gets a JVM of its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class DomainBenchmark {}
