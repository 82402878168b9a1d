package io.shoal.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3986 section 6.2.2 normalization of the path routes match, as exact input-output pairs. */
class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/, /",
        "/a/b/c, /a/b/c",
        "/a.b/.c/..d/c., /a.b/.c/..d/c.",
        "//a//b/, //a//b/",
        "/%61dmin, /admin",
        "/%41%5a%30%39%2d%2E%5f%7E, /AZ09-._~",
        "/a%2fb, /a%2Fb",
        "/a%2Fb, /a%2Fb",
        "/%c3%a9t%C3%A9, /%C3%A9t%C3%A9",
        "/a%20b, /a%20b",
        "/%25, /%25",
        "/%2541, /%2541",
        "/api/../admin, /admin",
        "/public/../admin/x, /admin/x",
        "/./a, /a",
        "/a/., /a/",
        "/a/./, /a/",
        "/a/.., /",
        "/a/b/.., /a/",
        "/a/b/../, /a/",
        "/., /",
        "/a/b/c/./../../g, /a/g",
        "/a//.., /a/",
        "/x/%2e%2e/%2E/y/.., /",
        "/public/%2e%2e/admin, /admin",
        "/a/%2e%2E/b, /b",
        "/a/.%2e, /",
        "/a/..%2F, /a/..%2F",
        "/a/..., /a/...",
    })
    void normalizes(String raw, String normalized) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/%zz", "/%4", "/a%", "/%4/", "/%g1", "/..", "/../x", "/a/../..", "/%2e%2e/x",
            "/a/../../b", "/%\u0663\u0663", "/a\u0000b", "/a\u001fb", "/a\u007fb", "/a\tb"})
    void refuses(String raw) {
        assertThat(PathNormalizer.normalize(raw)).isNull();
    }

    @Test
    void aPathThatIsAlreadyNormalIsReturnedWithoutACopy() {
        String path = "/api/v1/users.json";
        assertThat(PathNormalizer.normalize(path)).isSameAs(path);
    }
}
