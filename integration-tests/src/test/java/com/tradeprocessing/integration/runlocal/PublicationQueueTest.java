package com.tradeprocessing.integration.runlocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class PublicationQueueTest {

  private final Set<String> settledEvents = new HashSet<>();
  private final Predicate<String> settled = settledEvents::contains;

  @Test
  void next_eventsOfDifferentTrades_shouldGoOutInInputOrderInBatches() {
    // GIVEN
    PublicationQueue queue = new PublicationQueue(keys("A", "B", "C", "D", "E"));

    // WHEN
    List<Integer> first = queue.next(3, settled);
    publish(queue, first);
    List<Integer> second = queue.next(3, settled);

    // THEN
    assertThat(first).containsExactly(0, 1, 2);
    assertThat(second).containsExactly(3, 4);
  }

  @Test
  void next_secondEventOfATradeWhileTheFirstRuns_shouldHoldItBackButNotTheOthers() {
    // GIVEN trade A's first event published and still processing
    PublicationQueue queue = new PublicationQueue(keys("A", "A", "B", "C"));
    publish(queue, queue.next(1, settled));

    // WHEN
    List<Integer> batch = queue.next(10, settled);

    // THEN A's replay waits, the events behind it go out
    assertThat(batch).containsExactly(2, 3);
    assertThat(queue.pending()).isEqualTo(3);
  }

  @Test
  void next_previousEventOfTheTradeSettled_shouldReleaseTheHeldEventFirst() {
    // GIVEN A's second event held back behind its first
    PublicationQueue queue = new PublicationQueue(keys("A", "A", "B"));
    publish(queue, queue.next(1, settled));
    publish(queue, queue.next(10, settled));

    // WHEN A's first event is processed
    settledEvents.add("event-0");
    List<Integer> batch = queue.next(10, settled);

    // THEN
    assertThat(batch).containsExactly(1);
    publish(queue, batch);
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void next_threeEventsOfOneTrade_shouldPublishThemOneAtATimeInOrder() {
    // GIVEN
    PublicationQueue queue = new PublicationQueue(keys("A", "A", "A"));
    List<Integer> order = new ArrayList<>();

    // WHEN each published event is settled before asking again
    while (!queue.isEmpty()) {
      List<Integer> batch = queue.next(10, settled);
      assertThat(batch).hasSizeLessThanOrEqualTo(1);
      publish(queue, batch);
      batch.forEach(index -> settledEvents.add("event-" + index));
      order.addAll(batch);
    }

    // THEN
    assertThat(order).containsExactly(0, 1, 2);
  }

  @Test
  void next_twoEventsOfOneTradeInOneBatch_shouldNeverHandOutBoth() {
    // GIVEN
    PublicationQueue queue = new PublicationQueue(keys("A", "B", "A"));

    // WHEN
    List<Integer> batch = queue.next(10, settled);

    // THEN
    assertThat(batch).containsExactly(0, 1);
    assertThat(queue.next(10, settled)).isEmpty();
  }

  @Test
  void next_eventsWithoutTradeKey_shouldNeverBeHeldBack() {
    // GIVEN
    PublicationQueue queue = new PublicationQueue(keys(null, null, "A", null));

    // WHEN
    List<Integer> batch = queue.next(10, settled);

    // THEN
    assertThat(batch).containsExactly(0, 1, 2, 3);
  }

  @Test
  void next_previousEventRefusedByPutEvents_shouldNotWaitForIt() {
    // GIVEN A's first event refused (no event id: it will never be processed)
    PublicationQueue queue = new PublicationQueue(keys("A", "A"));
    queue.next(1, settled).forEach(index -> queue.published(index, Optional.empty()));

    // WHEN
    List<Integer> batch = queue.next(10, settled);

    // THEN
    assertThat(batch).containsExactly(1);
  }

  private static List<String> keys(String... keys) {
    return Arrays.asList(keys);
  }

  private static void publish(PublicationQueue queue, List<Integer> batch) {
    batch.forEach(index -> queue.published(index, Optional.of("event-" + index)));
  }
}
