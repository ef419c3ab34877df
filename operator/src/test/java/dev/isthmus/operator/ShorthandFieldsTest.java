package dev.isthmus.operator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.isthmus.api.spec.SweepSpec;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import java.lang.reflect.Executable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A spec field whose values may be written as a word or as an object ({@code merges: [merge-many,
 * {alignment: weight-matching}]}) must keep its shape free in the CRD: with the generated object
 * schema the API server refuses the word ("must be of type object"), as a real one did on the e2e
 * cluster for {@code merges} before this test.
 */
class ShorthandFieldsTest {

    @Test
    void everyFieldThatTakesAWordOrAnObjectIsFreeFormInTheCrd() {
        Set<String> swapped =
                Arrays.stream(
                                ConnectivitySweepResource.class.getAnnotationsByType(
                                        SchemaSwap.class))
                        .filter(s -> s.originalType() == SweepSpec.class)
                        .map(SchemaSwap::fieldName)
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> shorthands = new TreeSet<>();
        for (RecordComponent c : SweepSpec.class.getRecordComponents()) {
            if (delegates(element(c.getGenericType()))) shorthands.add(c.getName());
        }
        assertTrue(shorthands.contains("alignments"), "found: " + shorthands);
        assertTrue(
                swapped.containsAll(shorthands),
                "fields with a one-word form but an object schema in the CRD: "
                        + shorthands.stream().filter(f -> !swapped.contains(f)).toList());
    }

    private static Class<?> element(Type type) {
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            return element(args[args.length - 1]);
        }
        return type instanceof Class<?> c ? c : Object.class;
    }

    private static boolean delegates(Class<?> type) {
        return Stream.<Executable>concat(
                        Arrays.stream(type.getDeclaredConstructors()),
                        Arrays.stream(type.getDeclaredMethods()))
                .map(e -> e.getAnnotation(JsonCreator.class))
                .anyMatch(j -> j != null && j.mode() == JsonCreator.Mode.DELEGATING);
    }
}
