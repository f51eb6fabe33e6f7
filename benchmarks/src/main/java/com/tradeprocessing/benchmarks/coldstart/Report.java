package com.tradeprocessing.benchmarks.coldstart;

import java.util.List;
import java.util.Map;

/** The harness's figures as the Markdown tables of docs/performance.md. */
final class Report {

  private Report() {}

  static String render(
      List<JvmVariant> variants,
      List<String> functions,
      Map<JvmVariant, Map<String, List<Double>>> cold,
      Map<String, List<Double>> warm,
      int runs,
      int invocations) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Cold start, JVM launch to first answer, ms: min / median / max of %d runs; ratio of the"
                + " medians to the JVM defaults; java %s.%n%n",
            runs, Runtime.version()));
    out.append("| function |");
    variants.forEach(variant -> out.append(' ').append(variant.label()).append(" |"));
    out.append('\n').append("|---|");
    variants.forEach(variant -> out.append("---|"));
    out.append('\n');
    for (String function : functions) {
      out.append("| ").append(function).append(" |");
      Double baseline =
          cold.containsKey(JvmVariant.DEFAULTS)
              ? Samples.of(cold.get(JvmVariant.DEFAULTS).get(function)).median()
              : null;
      for (JvmVariant variant : variants) {
        Samples samples = Samples.of(cold.get(variant).get(function));
        out.append(
            String.format(" %.0f / %.0f / %.0f", samples.min(), samples.median(), samples.max()));
        if (baseline != null) {
          out.append(String.format(" (%.2fx)", samples.median() / baseline));
        }
        out.append(" |");
      }
      out.append('\n');
    }
    if (!warm.isEmpty()) {
      out.append(
          String.format(
              "%nWarm latency as shipped, one container per function, %d trades: ms%n%n",
              invocations));
      out.append("| function | p50 | p99 | max |\n|---|---|---|---|\n");
      for (String function : functions) {
        Samples samples = Samples.of(warm.get(function));
        out.append(
            String.format(
                "| %s | %.2f | %.2f | %.2f |%n",
                function, samples.median(), samples.percentile(99), samples.max()));
      }
    }
    return out.toString();
  }
}
