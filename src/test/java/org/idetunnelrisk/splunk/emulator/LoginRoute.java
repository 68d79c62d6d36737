package org.idetunnelrisk.splunk.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /services/auth/login} (form {@code username}, {@code password}): answers
 * {@code <response><sessionKey>K</sessionKey></response>} with the emulator's session key, or 401.
 */
public final class LoginRoute extends Route {
  private final String user;
  private final String password;

  LoginRoute(FakeSplunk splunk, String user, String password) {
    super(splunk);
    this.user = user;
    this.password = password;
  }

  @Override
  boolean authorized(RecordedRequest r) {
    return true;
  }

  @Override
  void serve(HttpExchange ex, RecordedRequest r) throws IOException {
    Map<String, String> form = r.form();
    if (user.equals(form.get("username")) && password.equals(form.get("password"))) {
      send(ex, 200, "<response>\n  <sessionKey>" + splunk.sessionKey() + "</sessionKey>\n</response>\n", null);
    } else {
      send(ex, 401, "<response>\n  <messages>\n    <msg type=\"WARN\">Login failed</msg>\n  </messages>\n</response>\n", null);
    }
  }
}
