package org.ssrlink;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON this binding needs, because Java 17 has none built in: an encoder for requests and a
 * parser for results (RFC 8259). A host with its own JSON library (Jackson, Gson) can use {@link
 * Plugin#callRaw} with bytes instead.
 *
 * <p>Rules, in the order the code applies them:
 *
 * <ol>
 *   <li>Bytes are UTF-8 both ways, whatever the JVM's default charset: {@link #encode} returns
 *       UTF-8 and {@link #decode} refuses bytes that are not valid UTF-8, rather than replacing
 *       them with U+FFFD and silently changing a value.
 *   <li>The encoder accepts null, {@link Boolean}, {@link Number} (finite only), {@link
 *       CharSequence}, {@link Character}, {@link Map} with {@link String} keys, {@link
 *       Collection} and arrays of objects; anything else is an {@link IllegalArgumentException},
 *       never a {@code toString()} guess. A string holding an unpaired surrogate is refused too:
 *       it has no UTF-8 form, and Java's encoder would write "?" in its place.
 *   <li>The encoder escapes {@code "}, {@code \} and control characters; everything else is
 *       written as UTF-8, so non-ASCII text reaches the library as the bytes the host meant.
 *   <li>The parser yields {@link LinkedHashMap} (key order kept; a duplicate key is refused),
 *       {@link ArrayList}, {@link String}, {@link Boolean}, null, and numbers as {@link Long}
 *       when integral and in range, {@link BigInteger} when integral and larger, {@link Double}
 *       otherwise. {@code \}{@code uXXXX} escapes are decoded, surrogate pairs included.
 *   <li>The parser refuses anything outside the grammar (trailing commas, comments, single
 *       quotes, leading zeros, trailing text) and nesting deeper than {@value #MAX_DEPTH}.
 * </ol>
 */
public final class Json {
  /** Deeper documents are refused instead of exhausting the thread's stack. */
  public static final int MAX_DEPTH = 512;

  private Json() {}

  /** A value as JSON text in UTF-8 bytes (no NUL terminator). */
  public static byte[] encode(Object value) {
    return write(value).getBytes(StandardCharsets.UTF_8);
  }

  /** A value as JSON text. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    writeValue(out, value, 0);
    return out.toString();
  }

  /** Parses UTF-8 JSON bytes. */
  public static Object decode(byte[] utf8) {
    return parse(strictUtf8(utf8));
  }

  /** Parses JSON text. */
  public static Object parse(String text) {
    Parser parser = new Parser(text);
    parser.skipWhitespace();
    Object value = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the JSON value");
    }
    return value;
  }

  /** UTF-8 bytes as a String, refusing malformed input instead of replacing it. */
  public static String strictUtf8(byte[] utf8) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("The bytes are not valid UTF-8.", e);
    }
  }

  private static void writeValue(StringBuilder out, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("The value nests deeper than " + MAX_DEPTH + " levels.");
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Number n) {
      writeNumber(out, n);
    } else if (value instanceof CharSequence || value instanceof Character) {
      writeString(out, value.toString());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "A JSON object's keys must be strings, not " + describe(entry.getKey()) + ".");
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, key);
        out.append(':');
        writeValue(out, entry.getValue(), depth + 1);
      }
      out.append('}');
    } else if (value instanceof Collection<?> || value instanceof Object[]) {
      Iterable<?> items = value instanceof Object[] array ? List.of(array) : (Collection<?>) value;
      out.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeValue(out, item, depth + 1);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("Cannot write " + describe(value) + " as JSON.");
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  private static void writeNumber(StringBuilder out, Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || n instanceof BigInteger) {
      out.append(n.toString());
    } else if (n instanceof BigDecimal d) {
      out.append(d.toString()); // "1E+3" is valid JSON
    } else if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON has no NaN or infinity (" + d + ").");
      }
      // Whole numbers as integers, so 5.0 reaches a field that wants a whole number as 5.
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        out.append((long) d);
      } else {
        out.append(Double.toString(d)); // e.g. 1.5 or 1.0E-7: both JSON numbers
      }
    } else {
      throw new IllegalArgumentException("Cannot write the number type " + describe(n) + ".");
    }
  }

  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException(
                "The string holds an unpaired surrogate at index " + i + "; it has no UTF-8 form.");
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("Not valid JSON at offset " + pos + ": " + what + ".");
    }

    void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nesting deeper than " + MAX_DEPTH + " levels");
      }
      if (pos >= text.length()) {
        throw error("the text ends where a value was expected");
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> object(depth);
        case '[' -> array(depth);
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw error("unexpected character '" + c + "'");
        }
      };
    }

    Object literal(String word, Object value) {
      if (!text.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return value;
    }

    Map<String, Object> object(int depth) {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++; // '{'
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      for (; ; ) {
        if (peek() != '"') {
          throw error("expected a string key");
        }
        int keyAt = pos;
        String key = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        Object value = value(depth + 1);
        if (map.containsKey(key)) {
          pos = keyAt;
          throw error("duplicate key \"" + key + "\"");
        }
        map.put(key, value);
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or '}'");
        }
        skipWhitespace();
      }
    }

    List<Object> array(int depth) {
      List<Object> list = new ArrayList<>();
      pos++; // '['
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      for (; ; ) {
        list.add(value(depth + 1));
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == ']') {
          return list;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']'");
        }
        skipWhitespace();
      }
    }

    String string() {
      pos++; // opening quote
      StringBuilder out = new StringBuilder();
      for (; ; ) {
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          pos--;
          throw error("a control character inside a string must be escaped");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= text.length()) {
          throw error("unterminated escape");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case '/' -> out.append('/');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          // Each \\uXXXX is one UTF-16 unit; a pair written as two escapes becomes one code
          // point because Java strings are UTF-16 too.
          case 'u' -> out.append(hex4());
          default -> {
            pos--;
            throw error("unknown escape '\\" + e + "'");
          }
        }
      }
    }

    char hex4() {
      if (pos + 4 > text.length()) {
        throw error("a \\u escape needs four hex digits");
      }
      int v = 0;
      for (int i = 0; i < 4; i++) {
        int d = Character.digit(text.charAt(pos + i), 16);
        if (d < 0) {
          throw error("a \\u escape needs four hex digits");
        }
        v = v * 16 + d;
      }
      pos += 4;
      return (char) v;
    }

    Number number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (isDigit(peek())) {
        while (isDigit(peek())) {
          pos++;
        }
      } else {
        throw error("a number needs digits");
      }
      boolean integral = true;
      if (peek() == '.') {
        integral = false;
        pos++;
        if (!isDigit(peek())) {
          throw error("a fraction needs digits");
        }
        while (isDigit(peek())) {
          pos++;
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        integral = false;
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!isDigit(peek())) {
          throw error("an exponent needs digits");
        }
        while (isDigit(peek())) {
          pos++;
        }
      }
      String literal = text.substring(start, pos);
      if (!integral) {
        return Double.parseDouble(literal);
      }
      BigInteger big = new BigInteger(literal);
      return big.bitLength() < 64 ? (Number) big.longValue() :
          big;
      }

      private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
      }

      /** The next character, or NUL at the end (NUL is never valid JSON outside strings). */
      char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
      }

      void expect(char c) {
        if (peek() != c) {
          throw error("expected '" + c + "'");
        }
        pos++;
      }
    }
  }
