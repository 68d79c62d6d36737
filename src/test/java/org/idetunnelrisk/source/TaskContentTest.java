package org.idetunnelrisk.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskContentTest {
  @Test
  void execActionsWithUtf16Declaration() {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Task version=\"1.2\" "
        + "xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\"><Actions Context=\"Author\">"
        + "<Exec><Command>C:\\a.exe</Command><Arguments> tunnel </Arguments></Exec>"
        + "<ComHandler><ClassId>{x}</ClassId></ComHandler>"
        + "<Exec><Command>b.exe</Command></Exec></Actions></Task>";
    assertEquals(List.of(new TaskContent.Exec("C:\\a.exe", "tunnel"), new TaskContent.Exec("b.exe", "")),
        TaskContent.execActions(xml));
  }

  @Test
  void refusesDoctypeAndNeverReadsTheEntity(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE Task [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<Task><Actions><Exec><Command>&xxe;</Command></Exec></Actions></Task>";
    assertEquals(List.of(), TaskContent.execActions(xml));
  }

  @Test
  void malformedOrOversizedGiveNothing() {
    assertEquals(List.of(), TaskContent.execActions("<Task><Actions><Exec><Command>x</Actions>"));
    assertEquals(List.of(), TaskContent.execActions(null));
    assertEquals(List.of(), TaskContent.execActions("not xml"));
    String big = "<Task>" + " ".repeat(TaskContent.MAX_CHARS) + "<Actions><Exec><Command>x</Command></Exec></Actions></Task>";
    assertEquals(List.of(), TaskContent.execActions(big));
    String deep = "<a>".repeat(40) + "</a>".repeat(40);
    assertEquals(List.of(), TaskContent.execActions(deep));
  }
}
