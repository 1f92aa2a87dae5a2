package dev.kaiko.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSRF guard's judgement of addresses and URLs (literal addresses only: no DNS, no network). */
class UrlGuardTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "public",
            value = {
                "127.0.0.1, a loopback address",
                "127.255.0.9, a loopback address",
                "::1, a loopback address",
                "0.0.0.0, an unspecified address",
                "0.1.2.3, an unspecified address",
                "10.0.0.1, a private address",
                "172.16.0.1, a private address",
                "172.31.255.255, a private address",
                "192.168.0.10, a private address",
                "169.254.169.254, a link-local address",
                "fe80::1, a link-local address",
                "fd00::1, a private address",
                "fc00::2, a private address",
                "100.64.0.1, a shared (carrier-grade NAT) address",
                "100.100.100.200, a shared (carrier-grade NAT) address",
                "224.0.0.1, a multicast address",
                "255.255.255.255, a reserved address",
                "198.18.0.1, a benchmarking address",
                "::ffff:10.0.0.1, a private address",
                "64:ff9b::a9fe:a9fe, an address mapping a link-local address",
                "2002:7f00:1::, a 6to4 address mapping a loopback address",
                "172.32.0.1, public",
                "100.128.0.1, public",
                "93.184.215.14, public",
                "2606:4700::1111, public",
                "8.8.8.8, public"
            })
    void judgesAddresses(String address, String kind) throws UnknownHostException {
        assertEquals(kind, UrlGuard.nonPublic(InetAddress.getByName(address)));
    }

    @Test
    void allowListIsExactHostAndPort() throws FetchException {
        UrlGuard guard = new UrlGuard(false, List.of("127.0.0.1:18766", " Intranet.Example:8080 "));
        assertEquals(URI.create("http://127.0.0.1:18766/feed.xml"), guard.check("http://127.0.0.1:18766/feed.xml"));
        assertEquals(
                "http://127.0.0.1:18767/ is a loopback address",
                assertThrows(FetchException.class, () -> guard.check("http://127.0.0.1:18767/"))
                        .getMessage());
        // the default port is the scheme's: 127.0.0.1 on 80 is not 127.0.0.1:18766
        assertThrows(FetchException.class, () -> guard.check("http://127.0.0.1/feed.xml"));
        assertNull(
                guard.problem(URI.create("http://intranet.example:8080/blog")),
                "names are compared case-insensitively");
        UrlGuard open = new UrlGuard(true, List.of());
        assertNull(open.problem(URI.create("http://10.0.0.1/")));
        assertEquals("is not an http or https URL", open.problem(URI.create("gopher://10.0.0.1/")));
    }

    @Test
    void parsesUrlsAsFoundInPages() throws FetchException {
        assertEquals(
                "https://blog.example/entry/%E9%80%B1%E5%A0%B1?page=2",
                UrlGuard.parse(" https://blog.example/entry/週報?page=2#comments ")
                        .toString());
        assertEquals(
                "https://blog.example/a%20b/%E3%81%82",
                UrlGuard.parse("HTTPS://blog.example/a b/%E3%81%82").toString());
        assertEquals(
                "http://blog.example/", UrlGuard.parse("http://blog.example").toString());
        assertEquals(
                "javascript:alert(1) is not an http or https URL",
                assertThrows(FetchException.class, () -> UrlGuard.parse("javascript:alert(1)"))
                        .getMessage());
        assertEquals(
                "/relative/feed.xml is not an http or https URL",
                assertThrows(FetchException.class, () -> UrlGuard.parse("/relative/feed.xml"))
                        .getMessage());
    }

    @Test
    void credentialsAreRefusedAndNeverEchoed() {
        UrlGuard guard = new UrlGuard(true, List.of());
        FetchException e =
                assertThrows(FetchException.class, () -> guard.check("https://me:hunter2@blog.example/feed"));
        assertEquals(
                "https://***@blog.example/feed carries credentials (user:password@); they are never sent",
                e.getMessage());
    }
}
