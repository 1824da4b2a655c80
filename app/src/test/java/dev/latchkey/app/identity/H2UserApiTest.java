package dev.latchkey.app.identity;

import dev.latchkey.app.support.TestServer;

class H2UserApiTest extends UserApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
