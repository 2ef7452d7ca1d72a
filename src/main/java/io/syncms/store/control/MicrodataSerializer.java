package io.syncms.store.control;

import io.syncms.store.entity.Sha256Hex;
import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.JsMap;
import io.syncms.store.entity.JsRegExp;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.ReferenceKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes ONE objects as microdata, byte for byte like one.core's {@code object-to-microdata.js}
 * ({@code convertObjToMicrodata} / {@code convertObjToIdMicrodata}), validating them on the way
 * with the same error codes and, as far as possible, the same messages.
 *
 * <p>The rules of the type's recipe decide order and form: one tag per property, no whitespace,
 * bags and sets sorted by the text of their {@code <li>} items, arrays and maps in their own
 * order, text escaped for {@code & < >} only. Properties without a rule are rejected
 * ({@code O2M-COBJ2}) after all rules were written, so a wrong value is reported first.
 */
public final class MicrodataSerializer {

    static final String MICRODATA_START = "<div itemscope itemtype=\"//refin.io/";
    static final String ID_MICRODATA_START = "<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/";


    private final RecipeRegistry registry;
    private final SortedStringifier stringifier = new SortedStringifier();
    private final JsNumberFormatter numbers = new JsNumberFormatter();
    private final RecipeObjects recipeObjects = new RecipeObjects();

    public MicrodataSerializer(RecipeRegistry registry) {
        this.registry = registry;
    }

    /** @throws OneValidationException if the object does not match its recipe */
    public String toMicrodata(OneObject object) {
        return convertObject(object, false);
    }

    /**
     * The microdata of the object's ID object: only the ID properties, and the header attribute
     * {@code data-id-object="true"}. Other properties are ignored, even invalid or unknown ones.
     *
     * @throws OneValidationException {@code O2M-COBJ1} for an unversioned type, or if an ID
     *         property is missing or invalid
     */
    public String toIdMicrodata(OneObject object) {
        return convertObject(object, true);
    }

    static boolean isHash(Object value) {
        return value instanceof String text && Sha256Hex.is(text);
    }

    private String convertObject(OneObject object, boolean idObject) {
        Recipe recipe = registry.get(object.type());
        List<RecipeRule> rules = idObject ? recipe.idRules() : recipe.rules();
        if (idObject && rules.isEmpty()) {
            throw new OneValidationException("O2M-COBJ1",
                    "Cannot make ID object from unversioned obj. " + stringifier.stringify(object));
        }
        Set<String> unknownProperties = idObject ? Collections.emptySet() : new LinkedHashSet<>(object.properties().keySet());
        StringBuilder out = new StringBuilder(256)
                .append(idObject ? ID_MICRODATA_START : MICRODATA_START)
                .append(object.type())
                .append("\">");
        for (RecipeRule rule : rules) {
            unknownProperties.remove(rule.itemprop());
            out.append(convertValue(registry.resolve(rule), object.get(rule.itemprop())));
        }
        out.append("</div>");
        if (!unknownProperties.isEmpty()) {
            throw new OneValidationException("O2M-COBJ2", "Unknown properties "
                    + stringifier.stringify(unknownProperties) + " in " + stringifier.stringify(object));
        }
        return out.toString();
    }

    private String convertValue(RecipeRule rule, Object value) {
        if (value == null) {
            if (!rule.optional()) {
                throw missing(rule);
            }
            return "";
        }
        ItemType.Kind kind = rule.itemtype().type();
        if ((kind == ItemType.Kind.ARRAY || kind == ItemType.Kind.BAG) && !(value instanceof List)) {
            throw new OneValidationException("O2M-CVAL4", "Property \"" + rule.itemprop() + "\" should be an array; Rule: "
                    + ruleText(rule) + ";\nValue: " + stringifier.describe(value));
        }
        return convertValueByType(value, rule.itemprop(), rule.itemtype(), false);
    }

    private String convertValueByType(Object value, String itemprop, ItemType type, boolean nested) {
        return switch (type.type()) {
            case STRING -> span(itemprop, nested, HtmlText.escape(checkedString(value, itemprop, type)));
            case INTEGER -> {
                if (!(value instanceof Double number) || !isInteger(number)) {
                    throw wrongType(itemprop, type, value);
                }
                yield span(itemprop, nested, numbers.format(number));
            }
            case NUMBER -> {
                if (!(value instanceof Double number)) {
                    throw wrongType(itemprop, type, value);
                }
                yield span(itemprop, nested, stringifier.stringify(number));
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    throw wrongType(itemprop, type, value);
                }
                yield span(itemprop, nested, value.toString());
            }
            case STRINGIFIABLE -> span(itemprop, nested, HtmlText.escape(stringifier.stringify(value)));
            case REFERENCE_TO_OBJ, REFERENCE_TO_ID, REFERENCE_TO_BLOB, REFERENCE_TO_CLOB -> {
                if (!isHash(value)) {
                    throw new OneValidationException("O2M-RTYC4", "Value for hash-link itemprop \"" + itemprop
                            + "\" should be SHA-256 hash (lower case hex 64 characters), Value: " + stringifier.describe(value));
                }
                String dataType = ReferenceKind.of(type.type()).dataType();
                yield (nested ? "<a" : "<a itemprop=\"" + itemprop + "\"") + " data-type=\"" + dataType + "\">" + value + "</a>";
            }
            case ARRAY -> {
                if (!(value instanceof List<?> list)) {
                    throw wrongType(itemprop, type, value);
                }
                yield tag("ol", itemprop, nested, String.join("", listItems(list, itemprop, type.item())));
            }
            case BAG -> {
                if (!(value instanceof List<?> list)) {
                    throw wrongType(itemprop, type, value);
                }
                yield tag("ul", itemprop, nested, sorted(listItems(list, itemprop, type.item())));
            }
            case SET -> {
                if (!(value instanceof Set<?> set)) {
                    throw wrongType(itemprop, type, value);
                }
                yield tag("ul", itemprop, nested, sorted(listItems(set, itemprop, type.item())));
            }
            case MAP -> {
                if (!(value instanceof JsMap map)) {
                    throw wrongType(itemprop, type, value);
                }
                StringBuilder entries = new StringBuilder();
                map.asMap().forEach((key, item) -> entries
                        .append("<dt>").append(convertValueByType(key, itemprop, type.key(), true)).append("</dt>")
                        .append("<dd>").append(convertValueByType(item, itemprop, type.value(), true)).append("</dd>"));
                yield tag("dl", itemprop, nested, entries.toString());
            }
            case OBJECT -> {
                if (!(value instanceof Map<?, ?> map)) {
                    throw wrongType(itemprop, type, value);
                }
                yield tag("div", itemprop, nested, convertNestedObject(map, type));
            }
        };
    }

    private String checkedString(Object value, String itemprop, ItemType type) {
        if (!(value instanceof String text)) {
            throw wrongType(itemprop, type, value);
        }
        if (type.pattern() != null && !type.pattern().find(text)) {
            throw new OneValidationException("O2M-RTYC3", "Property \"" + itemprop + "\" value \"" + text
                    + "\" does not match RegExp " + stringifier.stringify(new JsRegExp(type.regexp().orElseThrow())));
        }
        return text;
    }

    /** A nested object: its rules decide; keys without a rule are ignored (unlike at the top level). */
    private String convertNestedObject(Map<?, ?> object, ItemType type) {
        StringBuilder out = new StringBuilder();
        for (RecipeRule rule : type.rules()) {
            if (!object.containsKey(rule.itemprop())) {
                if (!rule.optional()) {
                    throw missing(rule);
                }
                continue;
            }
            // a present key with a null value is converted (and usually rejected), as in one.core
            out.append(convertValueByType(object.get(rule.itemprop()), rule.itemprop(), rule.itemtype(), false));
        }
        return out.toString();
    }

    private List<String> listItems(Collection<?> items, String itemprop, ItemType itemType) {
        List<String> result = new ArrayList<>(items.size());
        for (Object item : items) {
            result.add("<li>" + convertValueByType(item, itemprop, itemType, true) + "</li>");
        }
        return result;
    }

    /** Bags and sets: sorted by the UTF-16 code units of the whole {@code <li>} text, like JS sort(). */
    private static String sorted(List<String> items) {
        Collections.sort(items);
        return String.join("", items);
    }

    private static String span(String itemprop, boolean nested, String text) {
        return nested ? text : "<span itemprop=\"" + itemprop + "\">" + text + "</span>";
    }

    private static String tag(String name, String itemprop, boolean nested, String content) {
        return "<" + name + (nested ? "" : " itemprop=\"" + itemprop + "\"") + ">" + content + "</" + name + ">";
    }

    private static boolean isInteger(double number) {
        return Double.isFinite(number) && number == Math.rint(number);
    }

    private OneValidationException wrongType(String itemprop, ItemType type, Object value) {
        return new OneValidationException("O2M-RTYC1", "Value for itemprop \"" + itemprop + "\" should be of type \""
                + type.type().jsName() + "\", Value: " + stringifier.describe(value));
    }

    private OneValidationException missing(RecipeRule rule) {
        return new OneValidationException("O2M-RTYC2", "Mandatory property \"" + rule.itemprop() + "\" missing; Rule: " + ruleText(rule));
    }

    private String ruleText(RecipeRule rule) {
        return stringifier.stringify(recipeObjects.ruleObject(rule));
    }
}
