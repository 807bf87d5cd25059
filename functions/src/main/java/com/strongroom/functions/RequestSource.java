package com.strongroom.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a request came from, as a network prefix: the IPv4 /24 or IPv6 /48 of the last address in
 * {@code X-Forwarded-For}. The platform's front end appends the address it saw (with its port) to whatever the client
 * sent, so only the last entry cannot be forged by the client. A whole address is personal data and is never kept;
 * the prefix is enough to count a flood's sources apart.
 */
final class RequestSource {
    static final String UNKNOWN = "unknown";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-f]{1,4}");

    private RequestSource() {
    }

    static String of(Optional<String> forwardedFor) {
        if (forwardedFor.isEmpty()) {
            return UNKNOWN;
        }
        String[] hops = forwardedFor.get().split(",");
        String last = hops[hops.length - 1].strip().toLowerCase(Locale.ROOT);
        return ipv4Prefix(withoutPort(last)).or(() -> ipv6Prefix(withoutPort(last))).orElse(UNKNOWN);
    }

    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    private static Optional<String> ipv4Prefix(String address) {
        var m = IPV4.matcher(address);
        if (!m.matches()) {
            return Optional.empty();
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)) + "."
                + Integer.parseInt(m.group(3)) + ".0/24");
    }

    private static Optional<String> ipv6Prefix(String address) {
        if (address.chars().filter(c -> c == ':').count() < 2 || address.contains(":::")
                || address.indexOf("::") != address.lastIndexOf("::")) {
            return Optional.empty();
        }
        String[] halves = address.split("::", -1);
        List<String> head = groups(halves[0]);
        List<String> tail = halves.length > 1 ? groups(halves[1]) : List.of();
        if (head == null || tail == null) {
            return Optional.empty();
        }
        int missing = 8 - head.size() - tail.size();
        if (halves.length == 1 ? missing != 0 : missing < 1) {
            return Optional.empty();
        }
        List<String> all = new ArrayList<>(head);
        for (int i = 0; i < missing; i++) {
            all.add("0");
        }
        all.addAll(tail);
        return Optional.of(Integer.toHexString(Integer.parseInt(all.get(0), 16)) + ":"
                + Integer.toHexString(Integer.parseInt(all.get(1), 16)) + ":"
                + Integer.toHexString(Integer.parseInt(all.get(2), 16)) + "::/48");
    }

    /** The hex groups of one side of {@code ::}, or null when one is not a group. */
    private static List<String> groups(String side) {
        if (side.isEmpty()) {
            return List.of();
        }
        List<String> groups = Arrays.asList(side.split(":", -1));
        return groups.stream().allMatch(g -> HEX_GROUP.matcher(g).matches()) ? groups : null;
    }
}
