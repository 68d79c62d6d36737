/**
 * Byte prefilters: reject, from a record's raw bytes and before any parsing, a JSON line
 * ({@link org.idetunnelrisk.prefilter.RawPrefilter}, with {@link org.idetunnelrisk.prefilter.JsonObjectCheck}
 * and {@link org.idetunnelrisk.prefilter.JsonFieldCheck}) or a CSV record
 * ({@link org.idetunnelrisk.prefilter.CsvRecordPrefilter}) whose row no rule can match. Each rule's necessary
 * condition is read from the rule ({@link org.idetunnelrisk.engine.Rule#necessary()}), never derived here.
 *
 * <p>Soundness (a skipped record never hides a risk event or a report) rests on these invariants, each held
 * by a test in {@code mvn verify} ({@code PrefilterSoundnessTest}, {@code JsonFieldCheckTest},
 * {@code JsonObjectCheckTest}, {@code CsvRecordPrefilterTest} and the {@code PrefilterFuzzTest} property):
 * <ul>
 *   <li>Pieces are runs of characters every format writes as themselves; whatever could spell one otherwise
 *   (a JSON {@code \}{@code u} or {@code \/} escape, an XML character reference, a non-ASCII character that
 *   folds to ASCII) makes the record a candidate.
 *   <li>The field check counts a value toward exactly the row fields it can reach: its member's name as
 *   {@code read/JsonFlat} flattens it (nested objects as {@code a.b}, arrays under their own name, an export
 *   row's {@code result.} stripped), mapped by {@code fields/FieldTable#reach} (and
 *   {@code reachKeepingStart} for starts), plus every field a source derives from it
 *   ({@code source/Normalizer#DERIVED_FIELDS}). A change to the flattener, the table's mappings or a source's
 *   derivations must change the check in step.
 *   <li>An absence (Sigma's {@code field: null}) is refuted only by a non-empty string value of a member of a
 *   line that holds no object or array, named once, and never by a name a source moves or reads
 *   ({@code Normalizer#DERIVED_FIELDS}) or by {@code _raw} (the normalizer takes both away; a layout only adds
 *   names a record lacks). For a rule naming a source field by its own name, that name refutes, unless its
 *   value is {@code -} and the line through which the row keeps its values ({@code FieldTable#ruleMapping})
 *   drops a dash: the row reads those values whether the name wins the canonical field or not. For a rule
 *   naming the canonical field, only a field that is itself a source in the table and none of whose sources
 *   keeps an empty value ({@code dash_null}, or cut to a file name) is refuted, by a {@code dash_null} source
 *   whose value is not {@code -}: then whichever source wins (under a prefix, with a space, added by a layout)
 *   gives the field a value.
 *   <li>A line is skipped only when it is one JSON object the reader takes without a report
 *   ({@code JsonObjectCheck}); a Splunk export row holding a {@code _raw} is never skipped
 *   ({@code ExportRawLines}).
 * </ul>
 *
 * <p>Depends on the engine (rules and their necessary conditions), {@code literal}, {@code fields},
 * {@code source}'s derived fields and {@code read}'s filter interfaces; never on an adapter ({@code cli},
 * {@code modinput}, {@code alert}, {@code app}, {@code splunk}) nor on {@code scoring}, {@code sigma} or
 * {@code spl}. Does no I/O. Thread-safe; the field check's per-thread tables only save work
 * ({@code JsonFieldCheck}). {@code ArchitectureTest} enforces the imports.
 */
package org.idetunnelrisk.prefilter;
