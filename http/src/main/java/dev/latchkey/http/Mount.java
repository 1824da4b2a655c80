package dev.latchkey.http;

import io.javalin.config.RoutesConfig;

/**
 * Pages served beside the API on the same server and port (the web console). A mount installs its own routes after
 * the API's, with its own authentication (a session cookie, not a bearer token); each of its routes must state who
 * may use it as the API's routes do.
 */
public interface Mount {
    void install(RoutesConfig routes);
}
