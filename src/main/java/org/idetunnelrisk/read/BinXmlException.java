package org.idetunnelrisk.read;

/**
 * A fault in an EVTX chunk's binary XML or in its event records: the reason only, without the place, which
 * {@link EvtxReader} adds ({@code file:chunk N:record ID: reason}) when it turns this into an
 * {@link InputException}. Never reaches a caller outside {@code read/}.
 */
final class BinXmlException extends RuntimeException {
  BinXmlException(String reason) {
    super(reason, null, false, false); // no stack trace: a fault of the input, not of the code
  }
}
