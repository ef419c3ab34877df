package dev.isthmus.workflows.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny evaluator for the subset of Argo's expression language (expr-lang) that rendered
 * conditions and quantities use: {@code || && !}, comparisons, {@code *} and {@code **}, {@code c ?
 * a : b}, parentheses, string and integer literals, dotted variables, {@code asInt(...)} and {@code
 * min(a, b)}. Anything else is rejected, so a renderer change that emits more than this subset
 * fails the tests that evaluate it rather than being misread.
 */
public final class ExprEvaluator {

    private static final Pattern TOKEN =
            Pattern.compile(
                    "\\s*(\\|\\||&&|==|!=|<=|>=|\\*\\*|[<>!()*,?:]|\"[^\"]*\"|'[^']*'|-?[0-9]+|[A-Za-z_][A-Za-z0-9_.]*)");

    private final List<String> tokens;
    private final Map<String, Object> variables;
    private int next;

    private ExprEvaluator(List<String> tokens, Map<String, Object> variables) {
        this.tokens = tokens;
        this.variables = variables;
    }

    /** Evaluates a boolean expression; variables hold strings, as Argo passes them. */
    public static boolean test(String expression, Map<String, Object> variables) {
        ExprEvaluator e = new ExprEvaluator(tokenize(expression), variables);
        Object value = e.expression();
        if (e.next != e.tokens.size()) {
            throw new IllegalArgumentException("unexpected " + e.tokens.get(e.next));
        }
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException("not a condition: " + expression);
        }
        return b;
    }

    /** Evaluates a numeric expression, e.g. a memory quantity; variables hold strings. */
    public static Number number(String expression, Map<String, Object> variables) {
        ExprEvaluator e = new ExprEvaluator(tokenize(expression), variables);
        Object value = e.expression();
        if (e.next != e.tokens.size()) {
            throw new IllegalArgumentException("unexpected " + e.tokens.get(e.next));
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("not a number: " + expression);
        }
        return n;
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("cannot read " + text.substring(at));
            }
            out.add(m.group(1));
            at = m.end();
        }
        return out;
    }

    /** expr's conditional {@code c ? a : b}, the loosest binding. */
    private Object expression() {
        Object condition = or();
        if (!accept("?")) {
            return condition;
        }
        Object then = expression();
        expect(":");
        Object otherwise = expression();
        return bool(condition) ? then : otherwise;
    }

    private Object or() {
        Object left = and();
        while (accept("||")) {
            boolean right = bool(and());
            left = bool(left) || right;
        }
        return left;
    }

    private Object and() {
        Object left = not();
        while (accept("&&")) {
            boolean right = bool(not());
            left = bool(left) && right;
        }
        return left;
    }

    private Object not() {
        return accept("!") ? !bool(not()) : comparison();
    }

    private Object comparison() {
        Object left = product();
        for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
            if (accept(op)) {
                Object right = product();
                return switch (op) {
                    case "==" -> left.equals(right);
                    case "!=" -> !left.equals(right);
                    default -> compare(op, (Long) left, (Long) right);
                };
            }
        }
        return left;
    }

    private static boolean compare(String op, long a, long b) {
        return switch (op) {
            case "<=" -> a <= b;
            case ">=" -> a >= b;
            case "<" -> a < b;
            default -> a > b;
        };
    }

    private Object product() {
        Object left = power();
        while (accept("*")) {
            Object right = power();
            left =
                    left instanceof Long a && right instanceof Long b
                            ? (Object) Math.multiplyExact(a, b)
                            : (Object)
                                    (((Number) left).doubleValue()
                                            * ((Number) right).doubleValue());
        }
        return left;
    }

    /** expr's {@code **} is right-associative and always yields a float. */
    private Object power() {
        Object base = primary();
        if (accept("**")) {
            Object exponent = power();
            return Math.pow(((Number) base).doubleValue(), ((Number) exponent).doubleValue());
        }
        return base;
    }

    private Object primary() {
        String token = tokens.get(next++);
        if (token.equals("(")) {
            Object value = expression();
            expect(")");
            return value;
        }
        if (token.startsWith("\"") || token.startsWith("'")) {
            return token.substring(1, token.length() - 1);
        }
        if (token.matches("-?[0-9]+")) {
            return Long.parseLong(token);
        }
        if (token.equals("true") || token.equals("false")) {
            return Boolean.parseBoolean(token);
        }
        if (token.equals("asInt")) {
            expect("(");
            Object argument = expression();
            expect(")");
            // expr's int(): truncates a number, parses a string and fails on anything else
            return argument instanceof Number n
                    ? (Object) n.longValue()
                    : (Object) Long.parseLong(argument.toString().strip());
        }
        if (token.equals("min")) {
            expect("(");
            Object a = expression();
            expect(",");
            Object b = expression();
            expect(")");
            // expr's min returns the smaller argument as it is, an integer or a float
            return ((Number) a).doubleValue() <= ((Number) b).doubleValue() ? a : b;
        }
        if (!variables.containsKey(token)) {
            throw new IllegalArgumentException("unknown variable " + token);
        }
        return variables.get(token);
    }

    private boolean accept(String token) {
        if (next < tokens.size() && tokens.get(next).equals(token)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new IllegalArgumentException("expected " + token);
        }
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("not a boolean: " + value);
    }
}
