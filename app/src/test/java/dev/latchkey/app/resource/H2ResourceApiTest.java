package dev.latchkey.app.resource;

import dev.latchkey.app.support.TestServer;

class H2ResourceApiTest extends ResourceApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
