/**
 * Measuring speed: a seeded corpus generator whose planted tunnel events are known exactly, and the
 * bench command that times the engine, the readers and {@code scan} against their floors.
 * Not product code: it lives in {@code src/bench/java}, compiles with the tests (which use the generator) and
 * ships only in {@code target/ide-tunnel-risk-bench.jar}, never in the product jar or the app package. It may
 * use every other package; no product package depends on it.
 */
package org.idetunnelrisk.bench;
