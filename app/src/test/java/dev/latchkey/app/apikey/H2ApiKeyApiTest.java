package dev.latchkey.app.apikey;

import dev.latchkey.app.support.TestServer;

class H2ApiKeyApiTest extends ApiKeyApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
