package com.strongroom.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.util.Optional;

class RequestSourceTest {
    // App Service front ends append "<client ip>:<port>" to X-Forwarded-For; Front Door appends the address it saw
    // ("front-door-http-headers-protocol": "X-Forwarded-For ... appends"), so only the last entry is not the client's.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "203.0.113.77:52100                      | 203.0.113.0/24",
            "203.0.113.77                            | 203.0.113.0/24",
            "10.9.9.9, 198.51.100.4:443              | 198.51.100.0/24",
            "1.2.3.4, evil, 192.0.2.200:1            | 192.0.2.0/24",
            "[2001:db8:85a3::8a2e:370:7334]:443      | 2001:db8:85a3::/48",
            "2001:DB8:0:0:1::1                       | 2001:db8:0::/48",
            "::1                                     | 0:0:0::/48",
            "198.51.100.4, not-an-address           | unknown",
            "300.1.1.1                               | unknown",
            "2001:db8::1::2                          | unknown",
            "1:2:3:4:5:6:7:8:9                       | unknown",
            "''                                      | unknown"})
    void theLastHopIsKeptAsItsNetworkPrefixOnly(String header, String expected) {
        assertEquals(expected, RequestSource.of(Optional.of(header)));
    }

    @ParameterizedTest
    @CsvSource({"unknown"})
    void noHeaderIsAnUnknownSource(String expected) {
        assertEquals(expected, RequestSource.of(Optional.empty()));
    }
}
