/**
 * Measuring speed: a seeded corpus generator whose planted tunnel events are known exactly, and the
 * {@code bench} command that times the engine, the readers and {@code scan} against their floors.
 * An adapter like cli: it may use every other package; nothing depends on it except cli's Main.
 */
package org.idetunnelrisk.bench;
