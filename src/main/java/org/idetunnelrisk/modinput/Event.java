package org.idetunnelrisk.modinput;

import java.util.OptionalDouble;

/**
 * One event for splunkd's XML stream. Only {@code data} is required; absent (null) fields are left to
 * splunkd (stanza defaults, or the time splunkd picks). Build with {@link #of(String)} and the
 * {@code with*} methods. Immutable.
 *
 * @param stanza the {@code stanza} attribute (routes the event in single-instance mode), or null
 * @param time epoch seconds, or empty
 * @param source source, or null
 * @param sourcetype sourcetype, or null
 * @param index index, or null
 * @param host host, or null
 * @param data the event text; never empty
 * @param unbroken {@code unbroken="1"}: the event is complete in itself
 * @param done whether to write {@code <done/>}
 */
public record Event(
    String stanza,
    OptionalDouble time,
    String source,
    String sourcetype,
    String index,
    String host,
    String data,
    boolean unbroken,
    boolean done) {

  public Event {
    if (data == null || data.isEmpty()) {
      throw new IllegalArgumentException("an event needs data");
    }
  }

  /** A complete event ({@code unbroken="1"} and {@code <done/>}) with only data set. */
  public static Event of(String data) {
    return new Event(null, OptionalDouble.empty(), null, null, null, null, data, true, true);
  }

  public Event withStanza(String value) {
    return new Event(value, time, source, sourcetype, index, host, data, unbroken, done);
  }

  public Event withTime(double epochSeconds) {
    return new Event(stanza, OptionalDouble.of(epochSeconds), source, sourcetype, index, host, data, unbroken, done);
  }

  public Event withSource(String value) {
    return new Event(stanza, time, value, sourcetype, index, host, data, unbroken, done);
  }

  public Event withSourcetype(String value) {
    return new Event(stanza, time, source, value, index, host, data, unbroken, done);
  }

  public Event withIndex(String value) {
    return new Event(stanza, time, source, sourcetype, value, host, data, unbroken, done);
  }

  public Event withHost(String value) {
    return new Event(stanza, time, source, sourcetype, index, value, data, unbroken, done);
  }
}
