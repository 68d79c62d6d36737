package org.idetunnelrisk.splunk;

/** A checkpoint that could not be read or saved; the message names the file or KV store endpoint. */
public final class CheckpointException extends Exception {
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
