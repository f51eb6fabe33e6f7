package com.tradeprocessing.integration.runlocal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The order in which run-local publishes the events of its input. Events of one trade (a
 * correction, a replay) go out one at a time, each once the trade's previous event is settled, as a
 * source publishes them in order; events of different trades are not ordered, as in EventBridge. A
 * held-back event does not hold up the events of other trades behind it.
 *
 * <p>Events are addressed by their index in the input; an event without a trade key (its trade id
 * cannot be read) is ordered with nothing.
 */
final class PublicationQueue {

  private final List<String> tradeKeys;
  private int cursor;

  /** Held-back events per trade, in input order. */
  private final Map<String, Deque<Integer>> waitingByTrade = new HashMap<>();

  /** The head of every trade's held-back events, by index: released in input order. */
  private final TreeMap<Integer, String> waitingHeads = new TreeMap<>();

  /** Trades with an event handed out by {@link #next} and not yet reported {@link #published}. */
  private final Set<String> beingPublished = new HashSet<>();

  /** The event id of each trade's latest published event. */
  private final Map<String, String> latestEventOfTrade = new HashMap<>();

  private int pending;

  /** {@code tradeKeys}: one per input event, {@code null} when the event has no trade key. */
  PublicationQueue(List<String> tradeKeys) {
    this.tradeKeys = new ArrayList<>(tradeKeys);
    this.pending = tradeKeys.size();
  }

  /** Whether every event has been handed out and reported published. */
  boolean isEmpty() {
    return pending == 0;
  }

  /** Events handed out by {@link #next} or never handed out, not yet reported published. */
  int pending() {
    return pending;
  }

  /**
   * Up to {@code max} events that may be published now, held-back ones first, each of a different
   * trade; empty when every remaining event waits for its trade's previous one. {@code settled}
   * tells whether the event of an event id has been processed (or will never be).
   */
  List<Integer> next(int max, Predicate<String> settled) {
    List<Integer> batch = new ArrayList<>(max);
    for (Map.Entry<Integer, String> head : List.copyOf(waitingHeads.entrySet())) {
      if (batch.size() == max) {
        return batch;
      }
      if (isFree(head.getValue(), settled)) {
        batch.add(take(head.getValue()));
      }
    }
    while (batch.size() < max && cursor < tradeKeys.size()) {
      int index = cursor++;
      String key = tradeKeys.get(index);
      if (key == null) {
        batch.add(index);
      } else if (waitingByTrade.containsKey(key) || !isFree(key, settled)) {
        hold(key, index);
      } else {
        beingPublished.add(key);
        batch.add(index);
      }
    }
    return batch;
  }

  /** Reports an event handed out by {@link #next} as published, with the id PutEvents gave it. */
  void published(int index, Optional<String> eventId) {
    String key = tradeKeys.get(index);
    if (key != null) {
      beingPublished.remove(key);
      // An event PutEvents refused is never processed: there is nothing to wait for.
      eventId.ifPresentOrElse(
          id -> latestEventOfTrade.put(key, id), () -> latestEventOfTrade.remove(key));
    }
    pending--;
  }

  private boolean isFree(String key, Predicate<String> settled) {
    if (beingPublished.contains(key)) {
      return false;
    }
    String latest = latestEventOfTrade.get(key);
    return latest == null || settled.test(latest);
  }

  private void hold(String key, int index) {
    Deque<Integer> waiting = waitingByTrade.computeIfAbsent(key, unused -> new ArrayDeque<>());
    if (waiting.isEmpty()) {
      waitingHeads.put(index, key);
    }
    waiting.addLast(index);
  }

  private int take(String key) {
    Deque<Integer> waiting = waitingByTrade.get(key);
    int index = waiting.removeFirst();
    waitingHeads.remove(index);
    if (waiting.isEmpty()) {
      waitingByTrade.remove(key);
    } else {
      waitingHeads.put(waiting.peekFirst(), key);
    }
    beingPublished.add(key);
    return index;
  }
}
