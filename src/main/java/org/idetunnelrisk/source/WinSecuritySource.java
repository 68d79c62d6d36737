package org.idetunnelrisk.source;

import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/**
 * The Windows Security log. 4688 (a process was created) is Sigma's process_creation; there
 * {@code ProcessId} is the creator's id, so it is moved to {@code ParentProcessId} and {@code NewProcessId}
 * becomes the process id; {@code NewProcessName} and {@code ParentProcessName} are full paths the field
 * table turns into names. 4698 (a scheduled task was created) gets {@code TaskCommand} and
 * {@code TaskArguments} from the task XML in {@code TaskContent} ({@link TaskContent}).
 */
final class WinSecuritySource implements Source {
  private static final LogSource PROCESS_CREATION = new LogSource("process_creation", "windows", "security");
  private static final LogSource SECURITY = new LogSource(null, "windows", "security");

  static final String PROCESS_ID = "ProcessId";
  static final String PARENT_PROCESS_ID = "ParentProcessId";
  static final String TASK_CONTENT = "TaskContent";
  static final String TASK_COMMAND = "TaskCommand";
  static final String TASK_ARGUMENTS = "TaskArguments";

  @Override
  public boolean accepts(Fields f) {
    return f.is("Provider", "Microsoft-Windows-Security-Auditing") || WindowsEvents.channel(f, "Security");
  }

  @Override
  public void apply(Fields f, Row.Builder row) {
    String id = WindowsEvents.eventId(f);
    if ("4688".equals(id)) {
      f.rename(PROCESS_ID, PARENT_PROCESS_ID); // in 4688, ProcessId is the creator's (Normalizer.DERIVED_FIELDS)
      row.logSource(PROCESS_CREATION);
    } else {
      if ("4698".equals(id)) {
        String xml = f.first(TASK_CONTENT);
        for (TaskContent.Exec e : TaskContent.execActions(xml)) {
          f.add(TASK_COMMAND, e.command());
          f.add(TASK_ARGUMENTS, e.arguments());
        }
      }
      row.logSource(SECURITY);
    }
    WindowsEvents.timeAndKey(f, row);
  }
}
