/**
 * SPL built from the rules themselves: for each feed (a Splunk data source the modular input polls), the
 * rules' literals are pushed down into the search so Splunk's indexers do the filtering. The pushed-down
 * condition is a necessary condition of the rules (a superset of what they match): the engine still decides
 * every hit. Depends on the engine only; no I/O.
 */
package org.idetunnelrisk.spl;
