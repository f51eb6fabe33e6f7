/**
 * JMH benchmarks of the domain paths every invocation takes: the source adapters, the validator's
 * rules, the recorder's decision and the JSON mapping in and out. Run by {@code make bench}; the
 * figures are in docs/performance.md.
 */
package com.tradeprocessing.benchmarks.domain;
