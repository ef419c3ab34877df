package dev.isthmus.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chart under charts/isthmus, rendered by Helm's own code (helm-java) and parsed by Fabric8.
 */
final class Chart {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path DIR = ROOT.resolve("charts/isthmus");
    static final String RELEASE = "isthmus";
    static final String NAMESPACE = "isthmus-system";

    private Chart() {}

    /** {@code helm template isthmus charts/isthmus -n isthmus-system -f <values>...}. */
    static String template(Path... valuesFiles) {
        TemplateCommand template =
                new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        return template.call();
    }

    /** A values file under src/test/resources/values. */
    static Path values(String name) {
        return ROOT.resolve("deploy/src/test/resources/values").resolve(name + ".yaml");
    }

    /** The YAML documents of a rendered chart, empty ones dropped. */
    static List<String> documents(String rendered) {
        List<String> docs = new ArrayList<>();
        for (String doc : rendered.split("(?m)^---\\s*$")) {
            boolean empty =
                    Arrays.stream(doc.split("\n"))
                            .allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"));
            if (!empty) {
                docs.add(doc);
            }
        }
        return docs;
    }

    /** Every rendered object, parsed by Fabric8 (typed where Fabric8 knows the kind). */
    static List<HasMetadata> objects(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : documents(rendered)) {
            objects.add(Serialization.unmarshal(doc, HasMetadata.class));
        }
        return objects;
    }

    /** Object counts by kind, sorted by kind. */
    static Map<String, Integer> kinds(List<HasMetadata> objects) {
        Map<String, Integer> kinds = new TreeMap<>();
        objects.forEach(o -> kinds.merge(o.getKind(), 1, Integer::sum));
        return kinds;
    }

    /** Objects of one kind, by namespace/name. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> Map<String, T> ofKind(
            List<HasMetadata> objects, String kind, Class<T> type) {
        Map<String, T> found = new LinkedHashMap<>();
        for (HasMetadata o : objects) {
            if (o.getKind().equals(kind)) {
                found.put(
                        o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(),
                        type.cast(o));
            }
        }
        return found;
    }
}
