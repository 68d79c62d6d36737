/**
 * The command line: a thin commons-cli shell over the library, one class per command ({@code scan},
 * {@code rules check}) plus the Splunk entry points. Each command returns a named exit code; nothing
 * here prints a stack trace.
 */
package org.idetunnelrisk.cli;
