package io.syncms.store.control;

import io.syncms.store.entity.Sha256Hex;
import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.JsMap;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.ReferenceKind;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads ONE microdata back into a {@link OneObject}, guided by the recipe of the type in the
 * header. Strict: used for objects received from other instances and for stored objects, so the
 * input must be exactly what {@link MicrodataSerializer} writes for the parsed object &ndash; after
 * parsing, the object is serialized again and must reproduce the input character for character
 * (this rejects unsorted bags, duplicate set items, non-canonical numbers or escapes, ...).
 *
 * <p>Stringifiable values are read as plain JSON (objects, arrays, strings, numbers, booleans,
 * null); Sets, Maps and RegExps inside them come back as arrays and strings, which serialize
 * identically. Like one.core, the parser cannot read a stringifiable value whose object keys
 * contain {@code "} or {@code \} (one.core writes such keys unescaped).
 *
 * <h2>Error codes</h2>
 * <ul>
 *   <li>{@code M2O-PCONV1} &ndash; no microdata (null or empty string);
 *   <li>{@code M2O-PH1} &ndash; the header is not {@code <div itemscope itemtype="//refin.io/Type">}
 *       (or its {@code data-id-object="true"} form for {@link #parseIdObject});
 *   <li>{@code OR-GR1} &ndash; no recipe for the type in the header;
 *   <li>{@code M2O-PH2} &ndash; ID object microdata of an unversioned type;
 *   <li>{@code M2O-PD1} &ndash; a mandatory property is missing;
 *   <li>{@code M2O-PV1} &ndash; a reference is not a lower-case 64-hex hash;
 *   <li>{@code M2O-PV2} &ndash; a tag other than the expected one, unterminated or badly escaped text;
 *   <li>{@code M2O-PV3} &ndash; a string does not match the rule's regexp;
 *   <li>{@code M2O-PV4} &ndash; a value that is not a valid integer, number, boolean or JSON text
 *       (including {@code null}, which one.core writes for a NaN or infinite {@code number});
 *   <li>{@code M2O-POM1} &ndash; the closing {@code </div>} of the object is not where the rules
 *       end (an unknown, misplaced or surplus property);
 *   <li>{@code M2O-PCONV2} &ndash; characters after the end of the object;
 *   <li>{@code M2O-CANON1} &ndash; well-formed, but not the canonical microdata of the parsed object.
 * </ul>
 */
public final class MicrodataParser {


    /** Number syntax as JavaScript writes numbers (see {@link JsNumberFormatter}). */
    private static final Pattern JS_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?(e[+-][0-9]+)?");
    private static final Object ABSENT = new Object();
    private static final int SNIPPET_LENGTH = 60;

    /** Whether the string has the header of ID object microdata. */
    public boolean isIdObject(String microdata) {
        return microdata != null && microdata.startsWith(MicrodataSerializer.ID_MICRODATA_START);
    }

    private static final String ITEMTYPE = "itemtype=\"//refin.io/";

    /**
     * The ONE type the microdata names first (its outermost item), or null, read without parsing: to
     * refuse what must never be stored before the work of parsing it.
     */
    public static String typeNamed(String microdata) {
        int start = microdata.indexOf(ITEMTYPE);
        int end = start < 0 ? -1 : microdata.indexOf('"', start + ITEMTYPE.length());
        return end < 0 ? null : microdata.substring(start + ITEMTYPE.length(), end);
    }

    /** Parses the microdata of a ONE object with the given recipes. */
    public OneObject parse(String microdata, RecipeRegistry registry) {
        return parse(microdata, registry, false);
    }

    /** Parses ID object microdata; the result has the type's ID properties only. */
    public OneObject parseIdObject(String microdata, RecipeRegistry registry) {
        return parse(microdata, registry, true);
    }

    /**
     * Parses microdata this store verified against its hash when it was stored (so it was canonical
     * then): as {@link #parse}, without serializing the object again to compare, which doubled the cost
     * of every read.
     */
    OneObject parseStored(String microdata, RecipeRegistry registry) {
        return parse(microdata, registry, false, false);
    }

    /** As {@link #parseStored}, for stored ID microdata. */
    OneObject parseStoredIdObject(String microdata, RecipeRegistry registry) {
        return parse(microdata, registry, true, false);
    }

    private OneObject parse(String html, RecipeRegistry registry, boolean idObject) {
        return parse(html, registry, idObject, true);
    }

    private OneObject parse(String html, RecipeRegistry registry, boolean idObject, boolean checkCanonical) {
        if (html == null || html.isEmpty()) {
            throw new OneValidationException("M2O-PCONV1", "Mandatory string parameter (HTML) missing");
        }
        String start = idObject ? MicrodataSerializer.ID_MICRODATA_START : MicrodataSerializer.MICRODATA_START;
        int typeEnd = html.indexOf("\">", start.length());
        if (!html.startsWith(start) || typeEnd < 0) {
            throw new OneValidationException("M2O-PH1",
                    "This does not look like valid ONE microdata (isIdObj is " + idObject + "): " + snippet(html, 0));
        }
        String type = html.substring(start.length(), typeEnd);
        Recipe recipe = registry.get(type);
        if (idObject && !recipe.versioned()) {
            throw new OneValidationException("M2O-PH2", "Type \"" + type + "\" is unversioned, it has no ID objects");
        }
        Cursor cursor = new Cursor(html, typeEnd + 2);

        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecipeRule rule : idObject ? recipe.idRules() : recipe.rules()) {
            readProperty(cursor, registry.resolve(rule), properties);
        }
        if (!cursor.startsWith("</div>")) {
            throw new OneValidationException("M2O-POM1",
                    "Expected end-tag </div> not found (position: " + cursor.position + "): " + snippet(html, cursor.position));
        }
        cursor.position += "</div>".length();
        if (cursor.position < html.length()) {
            throw new OneValidationException("M2O-PCONV2", "Failed to parse the last "
                    + (html.length() - cursor.position) + " characters: " + snippet(html, cursor.position));
        }

        OneObject object = OneObject.of(type, properties);
        if (!checkCanonical) {
            return object;
        }
        MicrodataSerializer serializer = new MicrodataSerializer(registry);
        String canonical = idObject ? serializer.toIdMicrodata(object) : serializer.toMicrodata(object);
        if (!canonical.equals(html)) {
            int position = firstDifference(canonical, html);
            throw new OneValidationException("M2O-CANON1", "Microdata is not in canonical form, it differs from the "
                    + "serialization of its data at position " + position + ": " + snippet(html, position));
        }
        return object;
    }

    /** A property with an itemprop attribute (top level or in a nested object); absent ones are skipped. */
    private void readProperty(Cursor cursor, RecipeRule rule, Map<String, Object> properties) {
        Object value = parseProperty(cursor, rule);
        if (value == ABSENT) {
            if (!rule.optional()) {
                throw new OneValidationException("M2O-PD1", "Value for property \"" + rule.itemprop()
                        + "\" is missing but there is no \"optional\" flag (position: " + cursor.position + ")");
            }
            return;
        }
        properties.put(rule.itemprop(), value);
    }

    private Object parseProperty(Cursor cursor, RecipeRule rule) {
        String itemprop = rule.itemprop();
        ItemType type = rule.itemtype();
        String attribute = " itemprop=\"" + itemprop + "\"";
        switch (type.type()) {
            case STRING, INTEGER, NUMBER, BOOLEAN, STRINGIFIABLE -> {
                if (!cursor.skip("<span" + attribute + ">")) {
                    return ABSENT;
                }
                Object value = convertText(cursor, cursor.textUntilTag(), type, itemprop);
                cursor.expect("</span>");
                return value;
            }
            case REFERENCE_TO_OBJ, REFERENCE_TO_ID, REFERENCE_TO_BLOB, REFERENCE_TO_CLOB -> {
                if (!cursor.skip("<a" + attribute + " data-type=\"" + ReferenceKind.of(type.type()).dataType() + "\">")) {
                    return ABSENT;
                }
                return readHash(cursor, itemprop);
            }
            case ARRAY -> {
                return cursor.skip("<ol" + attribute + ">") ? readItems(cursor, type.item(), itemprop, "</ol>", new ArrayList<>()) : ABSENT;
            }
            case BAG -> {
                return cursor.skip("<ul" + attribute + ">") ? readItems(cursor, type.item(), itemprop, "</ul>", new ArrayList<>()) : ABSENT;
            }
            case SET -> {
                return cursor.skip("<ul" + attribute + ">") ? readItems(cursor, type.item(), itemprop, "</ul>", new LinkedHashSet<>()) : ABSENT;
            }
            case MAP -> {
                return cursor.skip("<dl" + attribute + ">") ? readMapEntries(cursor, type, itemprop) : ABSENT;
            }
            case OBJECT -> {
                return cursor.skip("<div" + attribute + ">") ? readObjectBody(cursor, type) : ABSENT;
            }
        }
        throw new IllegalStateException("Unhandled item type " + type.type());
    }

    /** A value without itemprop: a list item, map key or map value. */
    private Object parseNested(Cursor cursor, ItemType type, String itemprop) {
        return switch (type.type()) {
            case STRING, INTEGER, NUMBER, BOOLEAN, STRINGIFIABLE -> convertText(cursor, cursor.textUntilTag(), type, itemprop);
            case REFERENCE_TO_OBJ, REFERENCE_TO_ID, REFERENCE_TO_BLOB, REFERENCE_TO_CLOB -> {
                cursor.expect("<a data-type=\"" + ReferenceKind.of(type.type()).dataType() + "\">");
                yield readHash(cursor, itemprop);
            }
            case ARRAY -> {
                cursor.expect("<ol>");
                yield readItems(cursor, type.item(), itemprop, "</ol>", new ArrayList<>());
            }
            case BAG -> {
                cursor.expect("<ul>");
                yield readItems(cursor, type.item(), itemprop, "</ul>", new ArrayList<>());
            }
            case SET -> {
                cursor.expect("<ul>");
                yield readItems(cursor, type.item(), itemprop, "</ul>", new LinkedHashSet<>());
            }
            case MAP -> {
                cursor.expect("<dl>");
                yield readMapEntries(cursor, type, itemprop);
            }
            case OBJECT -> {
                cursor.expect("<div>");
                yield readObjectBody(cursor, type);
            }
        };
    }

    private String readHash(Cursor cursor, String itemprop) {
        String hash = cursor.textUntilTag();
        if (!Sha256Hex.is(hash)) {
            throw new OneValidationException("M2O-PV1", "Property \"" + itemprop + "\" is not a valid hash: \"" + hash + "\"");
        }
        cursor.expect("</a>");
        return hash;
    }

    private Collection<Object> readItems(Cursor cursor, ItemType itemType, String itemprop, String endTag, Collection<Object> items) {
        while (cursor.skip("<li>")) {
            items.add(parseNested(cursor, itemType, itemprop));
            cursor.expect("</li>");
        }
        cursor.expect(endTag);
        return items;
    }

    private JsMap readMapEntries(Cursor cursor, ItemType type, String itemprop) {
        List<Map.Entry<Object, Object>> entries = new ArrayList<>();
        while (cursor.skip("<dt>")) {
            Object key = parseNested(cursor, type.key(), itemprop);
            cursor.expect("</dt>");
            cursor.expect("<dd>");
            Object value = parseNested(cursor, type.value(), itemprop);
            cursor.expect("</dd>");
            entries.add(new AbstractMap.SimpleEntry<>(key, value));
        }
        cursor.expect("</dl>");
        return JsMap.ofEntries(entries);
    }

    private Map<String, Object> readObjectBody(Cursor cursor, ItemType type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecipeRule rule : type.rules()) {
            readProperty(cursor, rule, properties);
        }
        cursor.expect("</div>");
        return properties;
    }

    private Object convertText(Cursor cursor, String html, ItemType type, String itemprop) {
        String text;
        try {
            text = HtmlText.unescape(html);
        } catch (IllegalArgumentException e) {
            throw new OneValidationException("M2O-PV2", "Invalid text of property \"" + itemprop + "\" before position "
                    + cursor.position + ": " + e.getMessage());
        }
        switch (type.type()) {
            case STRING -> {
                if (type.pattern() != null && !type.pattern().find(text)) {
                    throw new OneValidationException("M2O-PV3",
                            "Value \"" + text + "\" does not match RegExp /" + type.regexp().orElseThrow() + "/");
                }
                return text;
            }
            case INTEGER, NUMBER -> {
                if (!JS_NUMBER.matcher(text).matches()) {
                    throw invalidValue(itemprop, type, text);
                }
                double number = Double.parseDouble(text);
                if (type.type() == ItemType.Kind.INTEGER && number != Math.rint(number) || Double.isInfinite(number)) {
                    throw invalidValue(itemprop, type, text);
                }
                return number;
            }
            case BOOLEAN -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw invalidValue(itemprop, type, text);
                }
                return Boolean.valueOf(text);
            }
            case STRINGIFIABLE -> {
                try (JsonReader reader = JSON.createReader(new StringReader(text))) {
                    return plainValue(reader.readValue());
                } catch (JsonException e) {
                    throw new OneValidationException("M2O-PV4", "Value of property \"" + itemprop
                            + "\" is not valid JSON: " + e.getMessage(), e);
                }
            }
            default -> throw new IllegalStateException(type.type() + " is not a text value");
        }
    }

    private static OneValidationException invalidValue(String itemprop, ItemType type, String text) {
        return new OneValidationException("M2O-PV4",
                "Value of property \"" + itemprop + "\" is not a valid " + type.type().jsName() + ": \"" + text + "\"");
    }

    /** JSON as plain JavaScript values would come out of JSON.parse (no $set/$map tags). */
    private static Object plainValue(JsonValue json) {
        return switch (json.getValueType()) {
            case STRING -> ((JsonString) json).getString();
            case NUMBER -> Double.parseDouble(((JsonNumber) json).toString());
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                json.asJsonArray().forEach(item -> list.add(plainValue(item)));
                yield list;
            }
            case OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                json.asJsonObject().forEach((key, value) -> object.put(key, plainValue(value)));
                yield object;
            }
        };
    }

    private static int firstDifference(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return length;
    }

    private static String snippet(String html, int position) {
        int end = Math.min(html.length(), position + SNIPPET_LENGTH);
        return html.substring(position, end) + (end < html.length() ? "..." : "");
    }

    /** The microdata and how far it has been read. */
    private static final class Cursor {

        private final String html;
        private int position;

        Cursor(String html, int position) {
            this.html = html;
            this.position = position;
        }

        boolean startsWith(String token) {
            return html.startsWith(token, position);
        }

        boolean skip(String token) {
            if (!startsWith(token)) {
                return false;
            }
            position += token.length();
            return true;
        }

        void expect(String token) {
            if (!skip(token)) {
                throw new OneValidationException("M2O-PV2",
                        "Expected " + token + " at position " + position + ": " + snippet(html, position));
            }
        }

        /** The text up to the next tag. */
        String textUntilTag() {
            int end = html.indexOf('<', position);
            if (end < 0) {
                throw new OneValidationException("M2O-PV2", "Unterminated value at position " + position);
            }
            String text = html.substring(position, end);
            position = end;
            return text;
        }
    }
}
