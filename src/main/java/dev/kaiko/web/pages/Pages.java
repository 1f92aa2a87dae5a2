package dev.kaiko.web.pages;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.qute.TemplateInstance;

/**
 * Renders pages in the reader's language: {@code ?lang=ja|en} (remembered in a cookie), else the cookie, else
 * Accept-Language, else English.
 */
@ApplicationScoped
public class Pages {

    static final List<String> LANGUAGES = List.of("ja", "en");
    static final String LANG_COOKIE = "lang";

    public Response render(TemplateInstance page, int status, UriInfo uri, HttpHeaders headers) {
        String requested = uri.getQueryParameters().getFirst("lang");
        String lang = language(requested, headers);
        String other = "ja".equals(lang) ? "en" : "ja";
        // relative to the site, so a proxy's host name never ends up in a link
        java.net.URI switched = UriBuilder.fromUri(uri.getRequestUri())
                .replaceQueryParam("lang", other)
                .build();
        String switchUrl = switched.getRawPath() + "?" + switched.getRawQuery();
        page.data("ui", new Ui(lang, other, switchUrl)).setLocale(Locale.forLanguageTag(lang));
        Response.ResponseBuilder response = Response.status(status)
                .entity(page)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Language", lang)
                .header(HttpHeaders.VARY, "Accept-Language, Cookie, X-Kaiko-Fragment");
        if (isLanguage(requested)) {
            response.cookie(new NewCookie.Builder(LANG_COOKIE)
                    .value(requested)
                    .path("/")
                    .maxAge(365 * 24 * 3600)
                    .sameSite(NewCookie.SameSite.LAX)
                    .build());
        }
        return response.build();
    }

    public Response render(TemplateInstance page, UriInfo uri, HttpHeaders headers) {
        return render(page, 200, uri, headers);
    }

    private static boolean isLanguage(String s) {
        return s != null && LANGUAGES.contains(s);
    }

    static String language(String requested, HttpHeaders headers) {
        if (isLanguage(requested)) {
            return requested;
        }
        Cookie cookie = headers.getCookies().get(LANG_COOKIE);
        if (cookie != null && isLanguage(cookie.getValue())) {
            return cookie.getValue();
        }
        try {
            for (Locale l : headers.getAcceptableLanguages()) {
                if (LANGUAGES.contains(l.getLanguage())) {
                    return l.getLanguage();
                }
            }
        } catch (RuntimeException malformedHeader) {
            // a garbled Accept-Language is not the reader's fault: fall back to the default
        }
        return "en";
    }
}
