/**
 * Literal search: finding many short lower-case ASCII literals at once, ASCII case-insensitively, in bytes
 * or in text. {@link org.idetunnelrisk.literal.LiteralAutomaton} (an Aho–Corasick automaton over byte
 * classes: every occurrence, one pass), {@link org.idetunnelrisk.literal.SkipSearch} (sampled four-byte
 * grams: whether any literal occurs, reading a fraction of the bytes), {@link org.idetunnelrisk.literal.TagBits}
 * (tags as bit sets) and {@link org.idetunnelrisk.literal.AsciiFold} (which non-ASCII characters fold to
 * ASCII). The engine's gates and the byte prefilters build on it.
 *
 * <p>It knows nothing of rules, rows, fields or formats: it depends on the JDK only and does no I/O (no
 * {@code java.io}, {@code java.net}, {@code java.nio.file}) and imports no other package of this project.
 * Everything here is immutable and thread-safe once built. {@code ArchitectureTest} enforces the imports.
 */
package org.idetunnelrisk.literal;
