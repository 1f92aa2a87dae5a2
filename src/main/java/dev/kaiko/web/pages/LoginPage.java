package dev.kaiko.web.pages;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * The admin login form. It posts the admin token as password to /j_security_check, where Quarkus form
 * authentication checks it and answers with the session cookie (see web.security.AdminLoginMechanism); a refused
 * token comes back to /login/failed. Open even when reads are private.
 */
@Path("/login")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    @Inject
    Pages pages;

    @Inject
    @Location("login.html")
    Template login;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    public Response page() {
        return pages.render(login.data("failed", false), uri, headers);
    }

    @GET
    @Path("failed")
    public Response failed() {
        return pages.render(login.data("failed", true), 401, uri, headers);
    }
}
