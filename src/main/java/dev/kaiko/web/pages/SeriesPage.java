package dev.kaiko.web.pages;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.kaiko.search.Facet;
import dev.kaiko.search.SeriesCatalog;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;

/** A series' page, /series/{name}: its figures and its issues by year, newest first; 404 for an unknown series. */
@Path("/series")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class SeriesPage {

    @Inject
    SeriesCatalog catalog;

    @Inject
    Pages pages;

    @Inject
    @Location("series.html")
    Template series;

    @GET
    @Path("{name: .+}")
    public Response series(@PathParam("name") String name, @Context UriInfo uri, @Context HttpHeaders headers) {
        var detail = catalog.one(name).orElseThrow(NotFoundException::new);
        return pages.render(
                series.data("s", detail)
                        .data("searchUrl", SearchState.of(Facet.SERIES, name).url()),
                uri,
                headers);
    }
}
