package dev.latchkey.core.settings;

import dev.latchkey.core.common.DomainException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parsed {@code allowed_ip_addresses} of an account: entries separated by commas or blanks, each an exact
 * IPv4 or IPv6 address, a CIDR subnet ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), a range ({@code
 * 10.0.0.1-10.0.0.9}, IBM's console form) or IBM's IPv4 wildcard form ({@code 10.*.*.*}, {@code *.*.*.*}). An
 * empty list allows every address. Parsing never resolves a host name. Immutable and thread-safe.
 */
public final class IpAllowList {
    static final String FIELD = "allowed_ip_addresses";
    static final int MAX_LENGTH = 8192;
    static final int MAX_ENTRIES = 500;
    private static final Pattern RANGE_DASH = Pattern.compile("\\s*-\\s*");
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern OCTET = Pattern.compile("0|[1-9]\\d{0,2}");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");
    private static final IpAllowList ANY = new IpAllowList(List.of());

    private final List<Entry> entries;

    /** One allowed entry; addresses are big-endian bytes, 4 for IPv4 and 16 for IPv6. */
    private sealed interface Entry {
        boolean matches(byte[] address);
    }

    /** An inclusive range: an exact address, a subnet or an explicit range. */
    private record Span(byte[] low, byte[] high) implements Entry {
        @Override
        public boolean matches(byte[] address) {
            return address.length == low.length && Arrays.compareUnsigned(address, low) >= 0
                    && Arrays.compareUnsigned(address, high) <= 0;
        }
    }

    /** IPv4 with {@code *} octets; -1 stands for {@code *}. */
    private record Wildcard(int[] octets) implements Entry {
        @Override
        public boolean matches(byte[] address) {
            if (address.length != 4) {
                return false;
            }
            for (int i = 0; i < 4; i++) {
                if (octets[i] >= 0 && octets[i] != (address[i] & 0xff)) {
                    return false;
                }
            }
            return true;
        }
    }

    private IpAllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses an account's {@code allowed_ip_addresses} as a client sends it.
     *
     * @throws DomainException INVALID_REQUEST naming {@code allowed_ip_addresses} and the entry that is wrong
     */
    public static IpAllowList parse(String text) {
        return parse(text, "Field '" + FIELD + "'");
    }

    /**
     * Parses an allow-list in the same syntax for another input; {@code what} names it in the error, e.g.
     * {@code "--webhook-allowed-networks"}.
     */
    public static IpAllowList parse(String text, String what) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        if (text.length() > MAX_LENGTH) {
            throw DomainException.invalid(what + " must be at most " + MAX_LENGTH + " characters.");
        }
        List<Entry> entries = new ArrayList<>();
        for (String token : SEPARATORS.split(RANGE_DASH.matcher(text.strip()).replaceAll("-"))) {
            if (token.isEmpty()) {
                continue;
            }
            Entry entry = entry(token);
            if (entry == null) {
                throw DomainException.invalid(what + " has '" + abbreviate(token) + "', which is not an "
                        + "IPv4 or IPv6 address, a CIDR subnet (10.0.0.0/8), a range (10.0.0.1-10.0.0.9) or a wildcard "
                        + "(10.*.*.*). Separate entries with commas or spaces.");
            }
            entries.add(entry);
        }
        if (entries.size() > MAX_ENTRIES) {
            throw DomainException.invalid(what + " has more than " + MAX_ENTRIES + " entries.");
        }
        return new IpAllowList(entries);
    }

    /** True when the list restricts nothing (it is empty). */
    public boolean allowsEveryAddress() {
        return entries.isEmpty();
    }

    /** True when {@code clientAddress} matches an entry; an address that does not parse is refused. */
    public boolean allows(String clientAddress) {
        if (entries.isEmpty()) {
            return true;
        }
        byte[] address = clientAddress == null ? null : clientAddress(clientAddress);
        if (address == null) {
            return false;
        }
        for (Entry entry : entries) {
            if (entry.matches(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code text} is one IPv4 or IPv6 address literal (bracketed or with an IPv6 zone, as an HTTP server
     * reports a peer), never a name, subnet or range. Never a name lookup.
     */
    public static boolean isAddress(String text) {
        return text != null && !text.isBlank() && clientAddress(text) != null;
    }

    private static Entry entry(String token) {
        int dash = token.indexOf('-');
        if (dash > 0) {
            byte[] low = address(token.substring(0, dash));
            byte[] high = address(token.substring(dash + 1));
            if (low == null || high == null || low.length != high.length || Arrays.compareUnsigned(low, high) > 0) {
                return null;
            }
            return new Span(low, high);
        }
        int slash = token.indexOf('/');
        if (slash > 0) {
            return subnet(token.substring(0, slash), token.substring(slash + 1));
        }
        if (token.indexOf('*') >= 0) {
            return wildcard(token);
        }
        byte[] exact = address(token);
        return exact == null ? null : new Span(exact, exact);
    }

    private static Entry subnet(String base, String prefixText) {
        byte[] address = address(base);
        if (address == null || !PREFIX.matcher(prefixText).matches()) {
            return null;
        }
        int prefix = Integer.parseInt(prefixText);
        if (address.length == 4 && base.indexOf(':') >= 0) {
            prefix -= 96; // an IPv4-mapped IPv6 subnet (::ffff:10.0.0.0/104) is read as the IPv4 subnet
        }
        if (prefix < 0 || prefix > address.length * 8) {
            return null;
        }
        byte[] low = address.clone();
        byte[] high = address.clone();
        for (int bit = prefix; bit < address.length * 8; bit++) {
            low[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            high[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return new Span(low, high);
    }

    private static Entry wildcard(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].equals("*")) {
                octets[i] = -1;
            } else {
                octets[i] = octet(parts[i]);
                if (octets[i] < 0) {
                    return null;
                }
            }
        }
        return new Wildcard(octets);
    }

    /** The client address as the HTTP server reports it: may be bracketed or carry an IPv6 zone. */
    private static byte[] clientAddress(String text) {
        String address = text.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone > 0) {
            address = address.substring(0, zone);
        }
        return address(address);
    }

    /** An IPv4 or IPv6 literal as bytes (IPv4-mapped IPv6 as IPv4), or null. Never a name lookup. */
    static byte[] address(String text) {
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        if (!IPV6_CHARS.matcher(text).matches()) {
            return null;
        }
        try {
            // With a ':' and only hex digits, dots and colons, this parses a literal and never asks DNS.
            InetAddress parsed = InetAddress.getByName(text);
            return parsed instanceof Inet4Address || parsed.getAddress().length == 16 ? parsed.getAddress() : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = octet(parts[i]);
            if (octet < 0) {
                return null;
            }
            bytes[i] = (byte) octet;
        }
        return bytes;
    }

    /** 0–255 without leading zeros (010 could be read as octal elsewhere), or -1. */
    private static int octet(String text) {
        if (!OCTET.matcher(text).matches()) {
            return -1;
        }
        int value = Integer.parseInt(text);
        return value <= 255 ? value : -1;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
