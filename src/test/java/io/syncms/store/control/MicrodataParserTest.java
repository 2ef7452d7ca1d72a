package io.syncms.store.control;

import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicrodataParserTest {

    private static final String PERSON = "<div itemscope itemtype=\"//refin.io/Person\">"
            + "<span itemprop=\"email\">a&amp;b@example.com</span><span itemprop=\"name\">Tom &lt;3</span></div>";
    private static final String H1 = "0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152";
    private static final String H2 = "58c379901b18278fa72f55f57d15f041b524655e2bbe55bef73383e35c2eae0a";
    private static final String GROUP = "<div itemscope itemtype=\"//refin.io/Group\"><span itemprop=\"name\">g</span>"
            + "<ul itemprop=\"person\"><li><a data-type=\"id\">" + H1 + "</a></li><li><a data-type=\"id\">" + H2 + "</a></li></ul></div>";
    private static final String VNE = "<div itemscope itemtype=\"//refin.io/VersionNodeEdge\">"
            + "<a itemprop=\"data\" data-type=\"obj\">" + H1 + "</a><span itemprop=\"depth\">1.5</span>"
            + "<span itemprop=\"creationTime\">1718000000000</span></div>";

    private final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
    private final MicrodataParser parser = new MicrodataParser();

    @Test
    void parsesValuesByTheRecipe() {
        assertEquals(OneObject.builder("Person").put("email", "a&b@example.com").put("name", "Tom <3").build(),
                parser.parse(PERSON, registry));
        assertEquals(OneObject.builder("Group").put("name", "g").put("person", List.of(H1, H2)).build(),
                parser.parse(GROUP, registry));
        assertEquals(OneObject.builder("VersionNodeEdge").put("data", H1).put("depth", 1.5).put("creationTime", 1718000000000L).build(),
                parser.parse(VNE, registry));
    }

    @Test
    void stringifiableValuesArePlainJson() {
        String microdata = new MicrodataSerializer(registry).toMicrodata(new OneJson().fromJson(
                OneVectors.vector("chum-full").getJsonObject("object"), registry));

        OneObject chum = parser.parse(microdata, registry);

        assertEquals(Map.of("Access", 1.0, "Group", 0.0, "Person", 2.0), ((Map<?, ?>) chum.get("statistics")).get("byType"));
        assertEquals(2, ((List<?>) chum.get("errors")).size());
    }

    @Test
    void idObjectMicrodata() {
        String id = "<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">x</span></div>";

        assertTrue(parser.isIdObject(id));
        assertFalse(parser.isIdObject(PERSON));
        assertEquals(OneObject.builder("Person").put("email", "x").build(), parser.parseIdObject(id, registry));
        assertEquals("M2O-PH1", codeOf(() -> parser.parse(id, registry)));
        assertEquals("M2O-PH1", codeOf(() -> parser.parseIdObject(PERSON, registry)));
        assertEquals("M2O-POM1", codeOf(() -> parser.parseIdObject(id.replace("</div>", "<span itemprop=\"name\">n</span></div>"), registry)));
        assertEquals("M2O-PH2", codeOf(() -> parser.parseIdObject(
                "<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/Keys\"></div>", registry)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "not microdata             | M2O-PH1    | <span>x</span>",
            "unknown type              | OR-GR1     | <div itemscope itemtype=\"//refin.io/Nope\"><span itemprop=\"email\">x</span></div>",
            "missing mandatory         | M2O-PD1    | <div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"name\">x</span></div>",
            "trailing characters       | M2O-PCONV2 | <div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">x</span></div>x",
            "unknown property          | M2O-POM1   | <div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">x</span><span itemprop=\"age\">3</span></div>",
            "properties out of order   | M2O-POM1   | <div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">x</span><span itemprop=\"name\">n</span><span itemprop=\"name\">m</span></div>",
            "raw ampersand             | M2O-PV2    | <div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">a&b</span></div>",
            "raw greater-than          | M2O-PV2    | <div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">a>b</span></div>",
            "unterminated              | M2O-PV2    | <div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">abc",
            "whitespace between tags   | M2O-POM1   | <div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">x</span> </div>",
            "upper-case hash           | M2O-PV1    | <div itemscope itemtype=\"//refin.io/Group\"><span itemprop=\"name\">g</span><ul itemprop=\"person\"><li><a data-type=\"id\">0F69DB43A925BC5509C37143FFE18E9C11895AD6EC7C50386BCD4C87100B7152</a></li></ul></div>",
            "wrong reference kind      | M2O-PV2    | <div itemscope itemtype=\"//refin.io/Group\"><span itemprop=\"name\">g</span><ul itemprop=\"person\"><li><a data-type=\"obj\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a></li></ul></div>",
            "regexp mismatch           | M2O-PV3    | <div itemscope itemtype=\"//refin.io/Keys\"><a itemprop=\"owner\" data-type=\"id\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a><span itemprop=\"publicKey\">short</span><span itemprop=\"publicSignKey\">short</span></div>",
            "integer with fraction     | M2O-PV4    | <div itemscope itemtype=\"//refin.io/Chum\"><span itemprop=\"name\">c</span><ol itemprop=\"instance\"></ol><ol itemprop=\"person\"></ol><span itemprop=\"highestRemoteTimestamp\">1.5</span></div>",
            "number with leading zero  | M2O-PV4    | <div itemscope itemtype=\"//refin.io/VersionNodeEdge\"><a itemprop=\"data\" data-type=\"obj\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a><span itemprop=\"depth\">01</span><span itemprop=\"creationTime\">1</span></div>",
            "number in Java notation   | M2O-PV4    | <div itemscope itemtype=\"//refin.io/VersionNodeEdge\"><a itemprop=\"data\" data-type=\"obj\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a><span itemprop=\"depth\">1.0E21</span><span itemprop=\"creationTime\">1</span></div>",
            "non-canonical number      | M2O-CANON1 | <div itemscope itemtype=\"//refin.io/VersionNodeEdge\"><a itemprop=\"data\" data-type=\"obj\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a><span itemprop=\"depth\">1.50</span><span itemprop=\"creationTime\">1</span></div>",
            "non-canonical exponent    | M2O-CANON1 | <div itemscope itemtype=\"//refin.io/VersionNodeEdge\"><a itemprop=\"data\" data-type=\"obj\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a><span itemprop=\"depth\">1e+2</span><span itemprop=\"creationTime\">1</span></div>",
            "unsorted bag              | M2O-CANON1 | <div itemscope itemtype=\"//refin.io/Group\"><span itemprop=\"name\">g</span><ul itemprop=\"person\"><li><a data-type=\"id\">58c379901b18278fa72f55f57d15f041b524655e2bbe55bef73383e35c2eae0a</a></li><li><a data-type=\"id\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a></li></ul></div>",
            "duplicate set item        | M2O-CANON1 | <div itemscope itemtype=\"//refin.io/VersionNodeMerge\"><ul itemprop=\"nodes\"><li><a data-type=\"obj\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a></li><li><a data-type=\"obj\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a></li></ul><a itemprop=\"data\" data-type=\"obj\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a><span itemprop=\"depth\">1</span><span itemprop=\"creationTime\">1</span></div>",
            "boolean spelled otherwise | M2O-PV4    | <div itemscope itemtype=\"//refin.io/Recipe\"><span itemprop=\"name\">T</span><ol itemprop=\"rule\"><li><div><span itemprop=\"itemprop\">a</span><span itemprop=\"isId\">True</span></div></li></ol></div>",
            "JSON not sorted           | M2O-CANON1 | <div itemscope itemtype=\"//refin.io/Recipe\"><span itemprop=\"name\">T</span><ol itemprop=\"rule\"><li><div><span itemprop=\"itemprop\">a</span><span itemprop=\"itemtype\">{\"type\":\"bag\",\"item\":{\"type\":\"string\"}}</span></div></li></ol></div>",
            "invalid JSON              | M2O-PV4    | <div itemscope itemtype=\"//refin.io/Recipe\"><span itemprop=\"name\">T</span><ol itemprop=\"rule\"><li><div><span itemprop=\"itemprop\">a</span><span itemprop=\"itemtype\">{type:1}</span></div></li></ol></div>",
    })
    void rejectsMalformedOrTamperedMicrodata(String description, String code, String microdata) {
        assertEquals(code, codeOf(() -> parser.parse(microdata, registry)), description);
    }

    @Test
    void rejectsMissingInput() {
        assertEquals("M2O-PCONV1", codeOf(() -> parser.parse("", registry)));
        assertEquals("M2O-PCONV1", codeOf(() -> parser.parse(null, registry)));
    }

    @Test
    void tamperedValueStillParsesButChangesTheHash() {
        ObjectHashes hashes = new ObjectHashes(registry);
        String tampered = PERSON.replace("Tom", "Tim");

        OneObject parsed = parser.parse(tampered, registry);

        assertEquals(hashes.sha256Hex(tampered), hashes.hashOf(parsed));
        assertFalse(hashes.sha256Hex(PERSON).equals(hashes.hashOf(parsed)));
    }

    private static String codeOf(Runnable parse) {
        return assertThrows(OneValidationException.class, parse::run).code();
    }
}
