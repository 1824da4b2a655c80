package dev.latchkey.app;

import dev.latchkey.app.support.TestServer;

class PostgresEdgeInputTest extends EdgeInputContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
