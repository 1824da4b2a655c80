package dev.latchkey.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.DomainException;
import org.junit.jupiter.api.Test;

class IpAllowListTest {

    @Test
    void emptyListAllowsEveryAddress() {
        assertThat(IpAllowList.parse("").allows("203.0.113.9")).isTrue();
        assertThat(IpAllowList.parse("  ").allowsEveryAddress()).isTrue();
        assertThat(IpAllowList.parse(null).allows("::1")).isTrue();
    }

    @Test
    void exactAddressesMatchOnlyThemselves() {
        IpAllowList list = IpAllowList.parse("192.0.2.10, 2001:db8::1");
        assertThat(list.allows("192.0.2.10")).isTrue();
        assertThat(list.allows("192.0.2.11")).isFalse();
        assertThat(list.allows("2001:db8:0:0:0:0:0:1")).isTrue();
        assertThat(list.allows("[2001:db8::1]")).as("bracketed, as servers report IPv6").isTrue();
        assertThat(list.allows("2001:db8::2")).isFalse();
    }

    @Test
    void cidrSubnetsCoverTheirWholeBlock() {
        IpAllowList list = IpAllowList.parse("10.0.0.0/8 2001:db8::/32");
        assertThat(list.allows("10.0.0.0")).isTrue();
        assertThat(list.allows("10.255.255.255")).isTrue();
        assertThat(list.allows("11.0.0.0")).isFalse();
        assertThat(list.allows("9.255.255.255")).isFalse();
        assertThat(list.allows("2001:db8:ffff::1")).isTrue();
        assertThat(list.allows("2001:db9::1")).isFalse();
        assertThat(IpAllowList.parse("0.0.0.0/0").allows("198.51.100.7")).isTrue();
        assertThat(IpAllowList.parse("127.0.0.1/32").allows("127.0.0.2")).isFalse();
        assertThat(IpAllowList.parse("127.0.0.5/24").allows("127.0.0.200")).as("host bits are ignored").isTrue();
    }

    @Test
    void ibmWildcardsMatchAnyOctetInTheirPlace() {
        assertThat(IpAllowList.parse("*.*.*.*").allows("203.0.113.1")).isTrue();
        assertThat(IpAllowList.parse("*.*.*.*").allows("2001:db8::1")).as("IPv4 form only").isFalse();
        IpAllowList tenNet = IpAllowList.parse("10.*.*.*");
        assertThat(tenNet.allows("10.1.2.3")).isTrue();
        assertThat(tenNet.allows("11.1.2.3")).isFalse();
        assertThat(IpAllowList.parse("10.*.3.*").allows("10.200.3.7")).isTrue();
        assertThat(IpAllowList.parse("10.*.3.*").allows("10.200.4.7")).isFalse();
    }

    @Test
    void rangesAsTheConsoleWritesThemWithOrWithoutBlanks() {
        IpAllowList list = IpAllowList.parse("192.0.2.10 - 192.0.2.20, 198.51.100.1-198.51.100.1");
        assertThat(list.allows("192.0.2.10")).isTrue();
        assertThat(list.allows("192.0.2.20")).isTrue();
        assertThat(list.allows("192.0.2.21")).isFalse();
        assertThat(list.allows("198.51.100.1")).isTrue();
        assertThat(list.allows("198.51.100.2")).isFalse();
    }

    @Test
    void ipv4MappedClientAddressesMatchIpv4Entries() {
        assertThat(IpAllowList.parse("127.0.0.0/8").allows("::ffff:127.0.0.1")).isTrue();
        assertThat(IpAllowList.parse("::ffff:10.0.0.0/104").allows("10.9.9.9")).isTrue();
    }

    @Test
    void unparseableClientAddressesAreRefusedWhenAListIsSet() {
        IpAllowList list = IpAllowList.parse("10.0.0.0/8");
        assertThat(list.allows("not-an-address")).isFalse();
        assertThat(list.allows(null)).isFalse();
        assertThat(list.allows("")).isFalse();
    }

    @Test
    void invalidEntriesAreRefusedNamingTheFieldAndTheEntry() {
        for (String bad : new String[] {"256.0.0.1", "10.0.0", "10.0.0.0/33", "2001:db8::/129", "010.0.0.1",
                "10.0.0.9-10.0.0.1", "10.0.0.1-2001:db8::1", "*", "10.*.*", "localhost", "example.com",
                "2001:db8::zz", "10.0.0.0/x"}) {
            assertThatThrownBy(() -> IpAllowList.parse("10.0.0.1, " + bad)).as(bad)
                    .isInstanceOf(DomainException.class)
                    .hasMessageContaining("'allowed_ip_addresses'")
                    .hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> IpAllowList.parse("1.1.1.1 ".repeat(2000)))
                .hasMessageContaining("at most 8192 characters");
    }
}
