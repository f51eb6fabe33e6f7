package com.tradeprocessing.integration.runlocal;

import com.tradeprocessing.integration.pipeline.BusEvent;
import java.util.Optional;

/**
 * One line of a run-local input file: a PutEvents entry, or why the line is not one.
 *
 * @param number the line number, from 1
 */
public record InputLine(int number, Optional<BusEvent> event, Optional<String> problem) {

  static InputLine event(int number, BusEvent event) {
    return new InputLine(number, Optional.of(event), Optional.empty());
  }

  static InputLine malformed(int number, String problem) {
    return new InputLine(number, Optional.empty(), Optional.of(problem));
  }
}
