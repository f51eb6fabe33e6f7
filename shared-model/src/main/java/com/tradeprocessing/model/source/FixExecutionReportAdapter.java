package com.tradeprocessing.model.source;

import static com.tradeprocessing.model.source.PayloadReader.NumberForm.STRING;

import com.tradeprocessing.model.Isin;
import com.tradeprocessing.model.ReasonCode;
import com.tradeprocessing.model.Side;
import com.tradeprocessing.model.SourceSystem;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * Maps the FIX gateway's drop copy of an {@code Execution Report} (tags by name) to the canonical
 * trade.
 *
 * <pre>{@code
 * {"ExecID": "FIX-8841", "SecurityID": "US5949181045", "SecurityIDSource": "4", "Symbol": "MSFT",
 *  "Side": "2", "LastQty": "50", "LastPx": "415.10", "Currency": "USD", "LastMkt": "XNAS",
 *  "TransactTime": "20261125-14:30:05.250", "Account": "ACC-002"}
 * }</pre>
 *
 * <ul>
 *   <li>Required: {@code ExecID}, {@code SecurityID}, {@code SecurityIDSource}, {@code Side},
 *       {@code LastQty}, {@code LastPx}, {@code Currency}, {@code LastMkt}, {@code TransactTime}.
 *       Optional: {@code Symbol}, {@code Account}. Other tags are ignored.
 *   <li>{@code SecurityIDSource} must be {@code "4"} (ISIN); any other source is {@code
 *       INVALID_ISIN} on that tag, and {@code SecurityID} is then not read as an ISIN.
 *   <li>{@code Side} is {@code "1"} (buy) or {@code "2"} (sell); other FIX sides such as sell short
 *       ({@code "5"}) are {@code INVALID_SIDE}.
 *   <li>FIX values are strings: a JSON number for any tag, {@code LastQty} and {@code LastPx}
 *       included, is rejected with the tag's reason code.
 *   <li>{@code TransactTime} is a FIX UTCTimestamp, {@code yyyyMMdd-HH:mm:ss} with optional
 *       milliseconds; the micro- and nanosecond forms of FIX 5.0 SP2 are also read.
 * </ul>
 */
public final class FixExecutionReportAdapter extends PayloadAdapter {

  /** FIX tag 22 value for an ISIN. */
  static final String ISIN_SECURITY_ID_SOURCE = "4";

  private static final SequencedMap<String, Side> SIDES = PayloadReader.sideCodes("1", "2");

  private static final Economics.Fields ECONOMICS =
      new Economics.Fields("Side", SIDES, "LastQty", "LastPx", "Currency", "LastMkt", STRING);

  private static final Pattern UTC_TIMESTAMP =
      Pattern.compile("[0-9]{8}-[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3}|\\.[0-9]{6}|\\.[0-9]{9})?");

  private static final DateTimeFormatter UTC_TIMESTAMP_FORMAT =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuuMMdd-HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 3, 9, true)
          .optionalEnd()
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT);

  public FixExecutionReportAdapter() {
    super(SourceSystem.FIX_GATEWAY, "a FIX execution report");
  }

  @Override
  TradeCandidate read(PayloadReader in) {
    // Java evaluates the arguments left to right: the fields are read, and their problems listed,
    // in this order.
    return new TradeCandidate(
        SourceSystem.FIX_GATEWAY,
        in.sourceTradeId("ExecID"),
        isin(in),
        in.optionalText("Symbol"),
        ECONOMICS.read(in),
        transactTime(in, "TransactTime"),
        in.optionalText("Account"),
        null,
        null);
  }

  private static Isin isin(PayloadReader in) {
    String source = in.requiredText("SecurityIDSource", ReasonCode.INVALID_ISIN);
    if (source != null && !source.equals(ISIN_SECURITY_ID_SOURCE)) {
      in.reject(
          ReasonCode.INVALID_ISIN,
          "SecurityIDSource",
          PayloadReader.quote(source) + " is not " + ISIN_SECURITY_ID_SOURCE + " (ISIN)");
    }
    // Without SecurityIDSource 4 the SecurityID is not an ISIN, so it is only checked for being
    // present: a payload missing both tags reports both.
    if (source == null || !source.equals(ISIN_SECURITY_ID_SOURCE)) {
      in.required("SecurityID");
      return null;
    }
    return in.isin("SecurityID");
  }

  private static Instant transactTime(PayloadReader in, String path) {
    LocalDateTime time =
        in.parse(path, ReasonCode.INVALID_TRADE_TIME, FixExecutionReportAdapter::parseTime);
    return time == null
        ? null
        : in.plausibleTime(path, time.toInstant(ZoneOffset.UTC), time.toString());
  }

  private static LocalDateTime parseTime(String text) {
    if (!UTC_TIMESTAMP.matcher(text).matches()) {
      throw new DateTimeException(
          PayloadReader.quote(text) + " is not a FIX UTCTimestamp (yyyyMMdd-HH:mm:ss[.SSS])");
    }
    try {
      return LocalDateTime.parse(text, UTC_TIMESTAMP_FORMAT);
    } catch (DateTimeException e) {
      throw new DateTimeException(PayloadReader.quote(text) + " is not a valid date and time", e);
    }
  }
}
