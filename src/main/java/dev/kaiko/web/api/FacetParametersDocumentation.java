package dev.kaiko.web.api;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import dev.kaiko.search.Facet;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the facets' query parameters on every operation taking {@link SearchParameters} (which reads them by
 * name from {@link Facet} rather than declaring them, so the scanner cannot see them).
 */
@OpenApiFilter
public class FacetParametersDocumentation implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            Operation get = item.getGET();
            if (get == null || get.getParameters() == null) {
                continue;
            }
            Set<String> names = get.getParameters().stream()
                    .filter(p -> p.getIn() == Parameter.In.QUERY)
                    .map(Parameter::getName)
                    .collect(Collectors.toSet());
            // the signature of SearchParameters
            if (!names.containsAll(List.of("q", "sort", "page", "size"))) {
                continue;
            }
            for (Facet facet : Facet.values()) {
                if (!names.contains(facet.param())) {
                    get.addParameter(OASFactory.createParameter()
                            .name(facet.param())
                            .in(Parameter.In.QUERY)
                            .description(facet.description())
                            .schema(OASFactory.createSchema()
                                    .addType(Schema.SchemaType.ARRAY)
                                    .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
                }
            }
        }
    }
}
