package dev.kaiko.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kaiko.archive.Curation;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** The bundled demo archive: how much of it is there, and the one admin call that removes it for good. */
@Path("/api/demo")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Curation")
public class DemoResource {

    @Inject
    Curation curation;

    @GET
    @Operation(summary = "How many issues and topics of the archive are the bundled demo")
    public Curation.Demo demo() {
        return curation.demo();
    }

    @DELETE
    @AdminOnly
    @Operation(summary = "Deletes the demo's issues; an instance left empty does not import the demo again")
    public Curation.Deleted delete() {
        return curation.deleteDemo();
    }
}
