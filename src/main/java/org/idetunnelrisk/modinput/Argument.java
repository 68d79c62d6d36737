package org.idetunnelrisk.modinput;

import java.util.Locale;

/**
 * One parameter of the {@code ide_tunnel_risk} scheme, as splunkd learns it from {@code --scheme}
 * ({@code <arg>}) and as admins see it in {@code inputs.conf.spec}.
 *
 * @param name the inputs.conf key
 * @param title short label for Splunk Web
 * @param description what it does, including the default
 * @param dataType how splunkd types it
 * @param requiredOnEdit splunkd demands it when an input is edited
 * @param requiredOnCreate splunkd demands it when an input is created
 * @param defaultValue the value used when the key is absent, as written to default/inputs.conf ("" = none)
 * @param specValue the value placeholder in inputs.conf.spec, e.g. {@code <string>}
 */
public record Argument(
    String name,
    String title,
    String description,
    DataType dataType,
    boolean requiredOnEdit,
    boolean requiredOnCreate,
    String defaultValue,
    String specValue) {

  /** The {@code <data_type>} values splunkd knows, written in lower case. */
  public enum DataType {
    STRING,
    NUMBER,
    BOOLEAN;

    public String xmlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
