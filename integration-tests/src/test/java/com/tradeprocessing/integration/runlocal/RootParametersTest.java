package com.tradeprocessing.integration.runlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.tradeprocessing.integration.platform.ProjectLayout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** run-local's parameters against the real templates/root.json. */
class RootParametersTest {

  private static final Path ROOT = ProjectLayout.locate().templates().resolve("root.json");

  @Test
  void load_noOverride_shouldDeployTheDefaultsAndReportNoDifference() throws Exception {
    // WHEN
    RootParameters parameters = RootParameters.load(ROOT, List.of());

    // THEN
    assertThat(parameters.overrides()).isEmpty();
    assertThat(parameters.differencesFromDefaults()).isEmpty();
  }

  @Test
  void load_thresholdOverrides_shouldDeployThemAndReportThoseThatDiffer() throws Exception {
    // WHEN
    RootParameters parameters =
        RootParameters.load(
            ROOT, List.of("MaxTradeAge=P30D", "KnownVenues=XNAS,XLON", "MaxQuantity=1000000"));

    // THEN
    assertThat(parameters.overrides())
        .containsEntry("MaxTradeAge", "P30D")
        .containsEntry("KnownVenues", "XNAS,XLON")
        .containsEntry("MaxQuantity", "1000000");
    assertThat(parameters.differencesFromDefaults())
        .containsExactly(
            "MaxTradeAge=P30D (default P3D)",
            "KnownVenues=XNAS,XLON (default XNAS,XNYS,XLON,XETR,XAMS)");
  }

  @Test
  void load_valueTheTemplateRefuses_shouldThrowWithTheConstraint() {
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RootParameters.load(ROOT, List.of("MaxTradeAge=30 days")))
        .withMessageStartingWith("--parameter MaxTradeAge=30 days is refused by the template");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RootParameters.load(ROOT, List.of("StateMachineType=FAST")))
        .withMessageContaining("one of [STANDARD, EXPRESS]");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RootParameters.load(ROOT, List.of("ValidatorReservedConcurrency=0")))
        .withMessageContaining("is refused by the template");
  }

  @Test
  void load_unknownOrRunLocalOwnedParameter_shouldThrowListingTheOverridableOnes() {
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RootParameters.load(ROOT, List.of("MaxAge=P1D")))
        .withMessageContaining("not a parameter of root.json")
        .withMessageContaining("MaxTradeAge");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RootParameters.load(ROOT, List.of("EnvironmentSuffix=prod")))
        .withMessageContaining("not a parameter of root.json");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RootParameters.load(ROOT, List.of("MaxTradeAge")))
        .withMessageContaining("expected Name=Value");
  }
}
