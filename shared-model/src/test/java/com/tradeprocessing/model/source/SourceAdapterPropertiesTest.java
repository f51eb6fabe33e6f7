package com.tradeprocessing.model.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradeprocessing.model.SourceSystem;
import com.tradeprocessing.model.Trade;
import com.tradeprocessing.model.ValidationProblem;
import com.tradeprocessing.model.json.TradeJson;
import com.tradeprocessing.model.source.PayloadGenerators.Change;
import com.tradeprocessing.model.source.PayloadGenerators.Field;
import com.tradeprocessing.model.source.PayloadGenerators.Kind;
import com.tradeprocessing.model.source.PayloadGenerators.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Properties of the three source adapters over generated payloads: valid ones map to exactly the
 * trade they describe and survive a JSON round trip; mutated ones report a problem for exactly the
 * fields made invalid; nothing, however malformed, makes an adapter throw.
 */
class SourceAdapterPropertiesTest {

  private static final int TRIES = 1000;

  // jqwik logs at INFO that these generators have more edge cases than tries, which is expected
  // (edge cases are mixed in, not exhausted). Held in a field: JUL keeps loggers weakly.
  private static final Logger EDGE_CASE_NOTICES = quiet("net.jqwik.engine.properties");

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.WARNING);
    return logger;
  }

  // ---------------------------------------------------------------- valid payloads

  @Property(tries = TRIES)
  void adapt_validOmsPayload_shouldYieldItsTradeWhichRoundTrips(@ForAll("validOms") Sample sample)
      throws Exception {
    assertValidSampleMapsToItsTrade(SourceSystem.OMS, sample);
  }

  @Property(tries = TRIES)
  void adapt_validFixPayload_shouldYieldItsTradeWhichRoundTrips(@ForAll("validFix") Sample sample)
      throws Exception {
    assertValidSampleMapsToItsTrade(SourceSystem.FIX_GATEWAY, sample);
  }

  @Property(tries = TRIES)
  void adapt_validPrimeBrokerPayload_shouldYieldItsTradeWhichRoundTrips(
      @ForAll("validPrimeBroker") Sample sample) throws Exception {
    assertValidSampleMapsToItsTrade(SourceSystem.PRIME_BROKER, sample);
  }

  @Provide
  Arbitrary<Sample> validOms() {
    return PayloadGenerators.validSamples(SourceSystem.OMS);
  }

  @Provide
  Arbitrary<Sample> validFix() {
    return PayloadGenerators.validSamples(SourceSystem.FIX_GATEWAY);
  }

  @Provide
  Arbitrary<Sample> validPrimeBroker() {
    return PayloadGenerators.validSamples(SourceSystem.PRIME_BROKER);
  }

  private static void assertValidSampleMapsToItsTrade(SourceSystem system, Sample sample)
      throws Exception {
    // GIVEN the payload as the handler would read it from the event's JSON text
    JsonNode detail = throughJsonText(sample.payload());

    // WHEN
    Adaptation adaptation = SourceAdapters.forSource(system).adapt(detail);

    // THEN
    assertThat(adaptation.problems()).isEmpty();
    Trade trade = adaptation.trade().orElseThrow();
    assertThat(trade).isEqualTo(sample.expected());
    assertRoundTrips(trade);
  }

  // ---------------------------------------------------------------- mutated payloads

  /** A valid payload with one to three fields changed. */
  record Mutated(SourceSystem system, Sample sample, List<Change> changes) {
    @Override
    public String toString() {
      return system + " " + changes + " of " + sample.payload();
    }
  }

  @Property(tries = TRIES)
  void adapt_mutatedOmsPayload_shouldReportExactlyTheInvalidFields(
      @ForAll("mutatedOms") Mutated mutated) throws Exception {
    assertMutationOutcome(mutated);
  }

  @Property(tries = TRIES)
  void adapt_mutatedFixPayload_shouldReportExactlyTheInvalidFields(
      @ForAll("mutatedFix") Mutated mutated) throws Exception {
    assertMutationOutcome(mutated);
  }

  @Property(tries = TRIES)
  void adapt_mutatedPrimeBrokerPayload_shouldReportExactlyTheInvalidFields(
      @ForAll("mutatedPrimeBroker") Mutated mutated) throws Exception {
    assertMutationOutcome(mutated);
  }

  @Provide
  Arbitrary<Mutated> mutatedOms() {
    return mutated(SourceSystem.OMS);
  }

  @Provide
  Arbitrary<Mutated> mutatedFix() {
    return mutated(SourceSystem.FIX_GATEWAY);
  }

  @Provide
  Arbitrary<Mutated> mutatedPrimeBroker() {
    return mutated(SourceSystem.PRIME_BROKER);
  }

  private static Arbitrary<Mutated> mutated(SourceSystem system) {
    return Combinators.combine(
            PayloadGenerators.validSamples(system), PayloadGenerators.changes(system))
        .as((sample, chosenChanges) -> new Mutated(system, sample, chosenChanges));
  }

  private static void assertMutationOutcome(Mutated mutated) throws Exception {
    // GIVEN
    ObjectNode payload = mutated.sample().payload().deepCopy();
    mutated.changes().forEach(change -> PayloadGenerators.apply(payload, change));
    Set<String> expectedFields = expectedProblemFields(mutated);

    // WHEN
    Adaptation adaptation =
        SourceAdapters.forSource(mutated.system()).adapt(throughJsonText(payload));

    // THEN
    Set<String> reported =
        adaptation.problems().stream()
            .map(problem -> changedFieldOf(problem, mutated.changes()))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(reported).as("fields with problems").isEqualTo(expectedFields);
    assertThat(adaptation.isValid()).isEqualTo(expectedFields.isEmpty());
    assertThat(adaptation.trade().isPresent()).isEqualTo(expectedFields.isEmpty());
    if (adaptation.isValid()) {
      assertRoundTrips(adaptation.trade().orElseThrow());
    }
  }

  /**
   * The changed fields that must be reported. A FIX SecurityID is only checked as an ISIN when
   * SecurityIDSource says it is one, so with a bad source only its absence is reported.
   */
  private static Set<String> expectedProblemFields(Mutated mutated) {
    boolean securityIdSourceBad =
        mutated.changes().stream()
            .anyMatch(c -> c.field().kind() == Kind.SECURITY_ID_SOURCE && c.mutation().invalid());
    Set<String> fields = new TreeSet<>();
    for (Change change : mutated.changes()) {
      boolean unchecked =
          securityIdSourceBad
              && change.field().path().equals("SecurityID")
              && !change.mutation().presence();
      if (change.mutation().invalid() && !unchecked) {
        fields.add(change.field().path());
      }
    }
    return fields;
  }

  /** The changed field a problem is about: the same path, or a parent object that was replaced. */
  private static String changedFieldOf(ValidationProblem problem, List<Change> changes) {
    return changes.stream()
        .map(change -> change.field().path())
        .filter(path -> problem.field().equals(path) || problem.field().startsWith(path + "."))
        .findFirst()
        .orElse("unchanged field " + problem.field() + ": " + problem.message());
  }

  // ---------------------------------------------------------------- arbitrary input

  @Property(tries = TRIES)
  void adapt_anyValuesInTheSourceFields_shouldNeverThrowAndKeepItsInvariant(
      @ForAll("anyPayload") Tuple2<SourceSystem, ObjectNode> input) throws Exception {
    // WHEN
    Adaptation adaptation = SourceAdapters.adapt(input.get1().eventSource(), input.get2());

    // THEN
    assertThat(adaptation.trade().isPresent()).isEqualTo(adaptation.isValid());
    assertThat(adaptation.candidate().sourceSystem()).isEqualTo(input.get1());
    Set<String> known =
        PayloadGenerators.fields(input.get1()).stream()
            .map(Field::path)
            .collect(Collectors.toSet());
    assertThat(adaptation.problems())
        .allSatisfy(
            problem -> {
              assertThat(known).contains(problem.field());
              assertThat(problem.message()).hasSizeLessThan(300);
            });
    if (adaptation.isValid()) {
      assertRoundTrips(adaptation.trade().orElseThrow());
    }
  }

  @Provide
  Arbitrary<Tuple2<SourceSystem, ObjectNode>> anyPayload() {
    return Arbitraries.of(SourceSystem.class)
        .flatMap(
            system -> {
              List<Field> fields = PayloadGenerators.fields(system);
              // Each field keeps its valid value (null) or gets any JSON value at all.
              List<Arbitrary<JsonNode>> replacements =
                  fields.stream()
                      .map(field -> PayloadGenerators.anyJson().injectNull(0.5))
                      .toList();
              return Combinators.combine(
                      PayloadGenerators.validSamples(system),
                      Combinators.combine(replacements).as(ArrayList::new))
                  .as(
                      (sample, values) -> {
                        ObjectNode payload = sample.payload().deepCopy();
                        for (int i = 0; i < fields.size(); i++) {
                          if (values.get(i) != null) {
                            replace(payload, fields.get(i).path(), values.get(i));
                          }
                        }
                        return Tuple.of(system, payload);
                      });
            });
  }

  private static void replace(ObjectNode payload, String path, JsonNode value) {
    int dot = path.lastIndexOf('.');
    JsonNode parent = dot < 0 ? payload : payload.get(path.substring(0, dot));
    if (parent instanceof ObjectNode object) {
      object.set(path.substring(dot + 1), value);
    }
  }

  @Property(tries = 500)
  void adapt_anyDetailFromAnySource_shouldNeverThrow(
      @ForAll("eventSources") String source, @ForAll("anyJson") JsonNode detail) {
    // WHEN
    Adaptation adaptation = SourceAdapters.adapt(source, detail);

    // THEN
    assertThat(adaptation.isValid()).isFalse();
    assertThat(adaptation.problems()).isNotEmpty();
  }

  @Provide
  Arbitrary<String> eventSources() {
    return Arbitraries.oneOf(
        Arbitraries.of(SourceSystem.class).map(SourceSystem::eventSource),
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<JsonNode> anyJson() {
    return PayloadGenerators.anyJson();
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The payload written to JSON text and read back as a handler would read it. Written in
   * scientific notation where needed: a plain form of 1E+999999999 cannot be written at all.
   */
  private static JsonNode throughJsonText(JsonNode payload) throws Exception {
    String text =
        TradeJson.mapper()
            .writer()
            .without(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .writeValueAsString(payload);
    return TradeJson.mapper().readTree(text);
  }

  private static void assertRoundTrips(Trade trade) throws Exception {
    String json = TradeJson.mapper().writeValueAsString(trade);
    assertThat(TradeJson.mapper().readValue(json, Trade.class)).isEqualTo(trade);
  }
}
