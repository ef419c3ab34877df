package dev.isthmus.api.validation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What JSON a spec record accepts, read from its declaration: an object with the record's
 * components as fields, and/or the argument of each single-argument {@code @JsonCreator} factory
 * (so {@code PathSpec} takes a string or an object, {@code AlignmentSpec} only a string).
 *
 * @param fields field name (honouring {@code @JsonProperty}) to its Java type, in declaration order
 * @param acceptsObject whether an object with {@code fields} is accepted
 * @param delegates types of the single values the record is also created from
 */
record RecordShape(Map<String, Type> fields, boolean acceptsObject, List<Type> delegates) {

    static RecordShape of(Class<?> record) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            fields.put(jsonName(record, component), component.getGenericType());
        }
        List<Type> delegates = new ArrayList<>();
        boolean propertiesCreator = false;
        for (Method method : record.getDeclaredMethods()) {
            JsonCreator creator = method.getAnnotation(JsonCreator.class);
            if (creator != null && Modifier.isStatic(method.getModifiers())) {
                if (isDelegating(creator, method)) {
                    delegates.add(method.getGenericParameterTypes()[0]);
                } else {
                    propertiesCreator = true;
                }
            }
        }
        for (Executable constructor : record.getDeclaredConstructors()) {
            JsonCreator creator = constructor.getAnnotation(JsonCreator.class);
            if (creator != null && !isDelegating(creator, constructor)) {
                propertiesCreator = true;
            }
        }
        delegates.sort((a, b) -> JsonKind.of(a).compareTo(JsonKind.of(b)));
        return new RecordShape(
                Collections.unmodifiableMap(fields),
                delegates.isEmpty() || propertiesCreator,
                List.copyOf(delegates));
    }

    /** The accepted kinds, for messages: "a string or an object". */
    String described() {
        List<String> kinds = new ArrayList<>();
        for (Type delegate : delegates) {
            kinds.add(JsonKind.of(delegate).described());
        }
        if (acceptsObject) {
            kinds.add(JsonKind.OBJECT.described());
        }
        if (kinds.size() == 1) {
            return kinds.get(0);
        }
        return String.join(", ", kinds.subList(0, kinds.size() - 1))
                + " or "
                + kinds.get(kinds.size() - 1);
    }

    private static boolean isDelegating(JsonCreator creator, Executable executable) {
        return switch (creator.mode()) {
            case DELEGATING -> true;
            case PROPERTIES -> false;
            default -> executable.getParameterCount() == 1;
        };
    }

    private static String jsonName(Class<?> record, RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        if (property == null) {
            try {
                property =
                        record.getDeclaredField(component.getName())
                                .getAnnotation(JsonProperty.class);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("record field missing: " + component, e);
            }
        }
        return property == null || property.value().isEmpty()
                ? component.getName()
                : property.value();
    }
}
