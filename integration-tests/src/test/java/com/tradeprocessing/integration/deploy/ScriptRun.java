package com.tradeprocessing.integration.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run of deploy.sh or destroy.sh: its exit code, its plan (the {@code + aws ...} and {@code +
 * mvn ...} lines it prints on stdout before each command) and its progress and error messages
 * (stderr, with the commands' own output).
 */
record ScriptRun(
    String script, String suffix, int exitCode, String stdout, String stderr, Duration took) {

  /** Every command of the plan, split into words as a shell would split the printed line. */
  List<List<String>> commands() {
    List<List<String>> commands = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (line.startsWith("+ ")) {
        commands.add(words(line.substring(2)));
      }
    }
    return commands;
  }

  /** The AWS commands as {@code <service> <operation>}, in order. */
  List<String> awsOperations() {
    return commands().stream()
        .filter(command -> command.get(0).equals("aws"))
        .map(command -> command.get(1) + " " + command.get(2))
        .toList();
  }

  /** The AWS commands as {@code <service> <operation> <region>} (region "-" when none is given). */
  List<String> awsOperationsByRegion() {
    return commands().stream()
        .filter(command -> command.get(0).equals("aws"))
        .map(command -> command.get(1) + " " + command.get(2) + " " + valueOf(command, "--region"))
        .toList();
  }

  static String valueOf(List<String> command, String option) {
    int at = command.indexOf(option);
    return at < 0 || at + 1 >= command.size() ? "-" : command.get(at + 1);
  }

  /** What a failure message should show: the end of both streams. */
  String describe() {
    return script
        + ".sh "
        + suffix
        + " exited "
        + exitCode
        + "\n--- stdout (end)\n"
        + tail(stdout)
        + "\n--- stderr (end)\n"
        + tail(stderr);
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 40);
    return String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
  }

  /** Splits a plan line: words are separated by spaces; '...' quotes, with '\'' for a quote. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\'') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == '\'') {
        quoted = true;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (c == ' ') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
