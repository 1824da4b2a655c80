package dev.latchkey.http.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.resource.ResourceState;
import org.junit.jupiter.api.Test;

class ResourceRoutesTest {
    @Test
    void instanceStatesFollowIbmsListAndDefaultToActive() {
        assertThat(ResourceRoutes.states(null)).containsExactly(ResourceState.ACTIVE);
        assertThat(ResourceRoutes.states("removed")).containsExactly(ResourceState.REMOVED);
        assertThat(ResourceRoutes.states("provisioning")).as("valid, and never held here").isEmpty();
        assertThatThrownBy(() -> ResourceRoutes.states("deleted")).hasMessageContaining("'state'");
    }
}
