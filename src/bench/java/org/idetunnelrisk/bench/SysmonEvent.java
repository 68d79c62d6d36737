package org.idetunnelrisk.bench;

import java.util.Map;

/**
 * One generated Sysmon event: its event id, computer, record id, time (epoch seconds) and EventData fields
 * in order, and whether it is planted tunnel activity (which some shipped rule must find).
 */
record SysmonEvent(int eventId, String computer, long recordId, long time, Map<String, String> data, boolean planted) {}
