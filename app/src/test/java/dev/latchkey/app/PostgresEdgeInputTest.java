package dev.latchkey.app;

class PostgresEdgeInputTest extends EdgeInputContract {
    @Override
    TestServer start() {
        return TestServer.postgres();
    }
}
