package dev.isthmus.api.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The vocabulary a string field of a spec record accepts: one of the {@link Names} enums. The sweep
 * reference ({@link SweepReference}) lists the words beside the field; the validator checks the
 * field against the same enum. Only on record components, so Jackson and the CRD generator never
 * see it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Words {
    /** The enum whose constants, spelled as {@link Names.Word#wire()}, the field accepts. */
    Class<? extends Names.Word> value();
}
