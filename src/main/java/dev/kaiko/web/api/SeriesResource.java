package dev.kaiko.web.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kaiko.search.SeriesCatalog;

import io.smallrye.common.annotation.Blocking;

/** The series of the archive; one series' issues by year are on its page, /series/{name}. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Browse")
public class SeriesResource {

    @Inject
    SeriesCatalog catalog;

    @GET
    @Path("series")
    @Operation(summary = "Every series by name, with its issue and topic counts and first and last issue date")
    public List<SeriesCatalog.Series> series() {
        return catalog.all();
    }
}
