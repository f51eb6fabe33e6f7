package com.tradeprocessing.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** EventBridge events of the source systems, from {@code src/test/resources/events}. */
final class SampleEvents {

  /** A source system: the fixture prefix, and the source and detail type of its trade events. */
  record SourceSystem(String fixturePrefix, String source, String detailType) {

    @Override
    public String toString() {
      return fixturePrefix;
    }
  }

  static final List<SourceSystem> SOURCE_SYSTEMS =
      List.of(
          new SourceSystem("oms", "trading.oms", "Trade Executed"),
          new SourceSystem("fix-gateway", "trading.fix-gateway", "Execution Report"),
          new SourceSystem("prime-broker", "trading.prime-broker", "Trade Confirmation"));

  private SampleEvents() {}

  /** The event {@code events/<source>_<case>.json}. */
  static String event(SourceSystem system, String name) {
    String path = "events/" + system.fixturePrefix() + "_" + name + ".json";
    try (InputStream in = SampleEvents.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no event fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
