package com.tradeprocessing.integration.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The containers of one function and the invocations waiting for them. Containers pull work (the
 * Runtime API's {@code next}); a new one is started when an invocation arrives, none is idle and
 * fewer than the limit run, so the pool scales with demand as Lambda does, up to its concurrency.
 */
final class FunctionPool {

  private static final Logger LOG = Logger.getLogger(FunctionPool.class.getName());

  private final FunctionConfiguration function;
  private final Path taskRoot;
  private final ContainerSettings settings;
  private final ScheduledExecutorService timers;
  private final LinkedBlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
  private final List<FunctionContainer> containers = new ArrayList<>();
  private final AtomicInteger idle = new AtomicInteger();
  private final AtomicInteger containerNumbers;
  private volatile boolean closed;

  FunctionPool(
      FunctionConfiguration function,
      Path taskRoot,
      ContainerSettings settings,
      ScheduledExecutorService timers,
      AtomicInteger containerNumbers) {
    this.containerNumbers = containerNumbers;
    this.function = function;
    this.taskRoot = taskRoot;
    this.settings = settings;
    this.timers = timers;
  }

  FunctionConfiguration function() {
    return function;
  }

  Path taskRoot() {
    return taskRoot;
  }

  ContainerSettings settings() {
    return settings;
  }

  CompletableFuture<InvocationResult> submit(byte[] payload) {
    Invocation invocation = new Invocation(payload);
    queue.add(invocation);
    scaleUp();
    return invocation.result();
  }

  /**
   * Starts every container the pool may run ahead of the first invocation, as provisioned
   * concurrency does: a burst then does not wait for cold starts that began only when it arrived.
   */
  void prewarm() {
    synchronized (containers) {
      while (!closed && containers.size() < settings.maxContainersPerFunction()) {
        startContainer();
      }
    }
  }

  /** Blocks until there is an invocation for the calling container, or it stops ({@code null}). */
  Invocation awaitWork(BooleanSupplier stopped) {
    idle.incrementAndGet();
    try {
      while (!stopped.getAsBoolean() && !closed) {
        Invocation invocation = queue.poll(200, TimeUnit.MILLISECONDS);
        if (invocation != null && !invocation.isDone()) {
          return invocation;
        }
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      idle.decrementAndGet();
    }
  }

  Invocation pollWork() {
    return queue.poll();
  }

  /**
   * Appends the report of an ended invocation to {@code invocations.jsonl} in the log directory,
   * one JSON object a line, as Lambda writes a {@code REPORT} line per invocation.
   */
  void report(InvocationReport report) {
    Path file = settings.logDirectory().resolve(InvocationReport.FILE_NAME);
    synchronized (InvocationReport.class) {
      try {
        Files.writeString(
            file,
            report.toJson() + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot write the invocation report to " + file, e);
      }
    }
  }

  void scheduleTimeout(FunctionContainer container, Invocation invocation, Duration timeout) {
    timers.schedule(
        () -> container.timedOut(invocation, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void containerExited(FunctionContainer container, boolean everPolled) {
    synchronized (containers) {
      containers.remove(container);
    }
    if (closed) {
      return;
    }
    if (!everPolled) {
      // It died during init without reporting why: the invocation that started it fails.
      Invocation invocation = queue.poll();
      if (invocation != null) {
        invocation.complete(
            InvocationResult.FunctionError.runtimeExited(
                invocation.requestId(),
                "Runtime exited during init; see " + settings.logDirectory()));
      }
    }
    scaleUp();
  }

  /** Stops every container; returns the invocations no container took yet. */
  List<Invocation> close() {
    closed = true;
    List<FunctionContainer> running;
    synchronized (containers) {
      running = new ArrayList<>(containers);
      containers.clear();
    }
    running.parallelStream().forEach(FunctionContainer::stop);
    List<Invocation> waiting = new ArrayList<>();
    queue.drainTo(waiting);
    return waiting;
  }

  private void scaleUp() {
    synchronized (containers) {
      if (closed || queue.isEmpty()) {
        return;
      }
      long live = containers.stream().filter(container -> !container.isStopped()).count();
      if (idle.get() == 0 && live < settings.maxContainersPerFunction()) {
        startContainer();
      }
    }
  }

  private void startContainer() {
    FunctionContainer container = new FunctionContainer(this, containerNumbers.incrementAndGet());
    containers.add(container);
    try {
      container.start();
    } catch (IOException e) {
      containers.remove(container);
      LOG.log(Level.SEVERE, "cannot start a container of " + function.name(), e);
      Invocation invocation = queue.poll();
      if (invocation != null) {
        invocation.complete(
            InvocationResult.FunctionError.of(
                "Runtime.ExitError", "cannot start the runtime: " + e.getMessage()));
      }
      throw new UncheckedIOException(e);
    }
  }
}
