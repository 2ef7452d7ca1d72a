package io.syncms.store.control;

import io.syncms.store.entity.OneObject;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ObjectHashesTest {

    private final ObjectHashes hashes = new ObjectHashes(RecipeRegistry.withCoreRecipes());

    @Test
    void sha256OfUtf8Bytes() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hashes.sha256Hex("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hashes.sha256Hex(""));
    }

    @Test
    void loneSurrogateIsHashedAsReplacementCharacterLikeNode() {
        // node: crypto.createHash('sha256').update('a\ud800b').digest('hex')
        String expected = "05087813392efc16fe8ff448920c6328e53af865df39419436659d9ffda90f7b";
        assertEquals(expected, hashes.sha256Hex("a\ud800b"));
        assertEquals(expected, hashes.sha256Hex("a\ufffdb"));
    }

    @Test
    void objectAndIdHash() {
        OneObject person = OneObject.builder("Person").put("email", "alice@example.com").build();
        String microdata = "<div itemscope itemtype=\"//refin.io/Person\"><span itemprop=\"email\">alice@example.com</span></div>";
        String idMicrodata = "<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/Person\">"
                + "<span itemprop=\"email\">alice@example.com</span></div>";

        assertEquals(hashes.sha256Hex(microdata), hashes.hashOf(person));
        assertEquals(hashes.sha256Hex(idMicrodata), hashes.idHashOf(person));
        assertEquals(OneVectors.vector("person-email-only").getString("sha256"), hashes.hashOf(person));
    }
}
