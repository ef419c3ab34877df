package dev.isthmus.api.admission;

/**
 * One part of a task's memory, named by the spec field that sizes it.
 *
 * @param field the spec field a user would change, e.g. {@code spec.model.hidden[0]}
 * @param cause what that field makes, e.g. {@code 1000000000 units make 7.9e11 parameters}
 * @param bytes how much memory the part takes
 * @param as how it is stored, e.g. {@code as float32}
 * @param copies how many copies of that a task holds at once, e.g. 4 for weights, gradients and
 *     Adam's two moments
 * @param copiesWhat what the copies are, for messages, or empty
 */
public record Term(
        String field, String cause, double bytes, String as, int copies, String copiesWhat) {

    /** A part held once. */
    public Term(String field, String cause, double bytes, String as) {
        this(field, cause, bytes, as, 1, "");
    }

    /** The size of one copy. */
    public double each() {
        return bytes / copies;
    }

    /** {@code field: cause (size as ...)}. */
    public String describe() {
        String times = copies > 1 ? " × " + copies + " for " + copiesWhat : "";
        return field + ": " + cause + " (" + Units.bytes(each()) + " " + as + times + ")";
    }
}
