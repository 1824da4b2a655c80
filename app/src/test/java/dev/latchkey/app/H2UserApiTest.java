package dev.latchkey.app;

class H2UserApiTest extends UserApiContract {
    @Override
    TestServer start() {
        return TestServer.h2();
    }
}
