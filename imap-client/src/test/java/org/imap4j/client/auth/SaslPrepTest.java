package org.imap4j.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imap4j.codec.ImapAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SASLprep (RFC 4013); the first seven cases are the examples of RFC 4013 section 3. */
class SaslPrepTest {

    private static String prep(String s) {
        return SaslPrep.prepare(s, "password");
    }

    @Test
    void softHyphenIsMappedToNothing() {
        assertEquals("IX", prep("I\u00ADX"));
    }

    @Test
    void asciiIsUnchanged() {
        assertEquals("user", prep("user"));
        assertEquals("USER", prep("USER"));
    }

    @Test
    void compatibilityCharactersAreNormalized() {
        assertEquals("a", prep("\u00AA"));
        assertEquals("IX", prep("\u2168"));
    }

    @Test
    void controlCharacterIsProhibited() {
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class, () -> prep("\u0007"));
        assertTrue(e.getMessage().contains("index 0") && e.getMessage().contains("C.2.1"), e.getMessage());
    }

    @Test
    void mixedDirectionIsAnError() {
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                () -> prep("\u0627\u0031"));
        assertTrue(e.getMessage().contains("RFC 3454 section 6"), e.getMessage());
    }

    @Test
    void noBreakSpaceIsMappedToSpace() {
        assertEquals("a b", prep("a\u00A0b"));
        assertEquals("a b", prep("a\u3000b"));
    }

    @Test
    void zeroWidthCharactersAreRemoved() {
        assertEquals("ab", prep("a\u200Bb\u200D\uFEFF"));
    }

    @Test
    void rightToLeftStringsFollowTheBidiRules() {
        assertEquals("\u0627\u0031\u0628", prep("\u0627\u0031\u0628"));
        assertThrows(ImapAuthenticationException.class, () -> prep("\u0627a\u0628"));
        assertThrows(ImapAuthenticationException.class, () -> prep("1\u0627"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a\u0000b", "a\u007Fb", "a\u0085b", "a\u2028b", "a\uE000b", "a\uDB80\uDC00b", "a\uFDD0b", "a\uFFFFb",
        "a\uD83F\uDFFEb", "a\uD800b", "a\uDC00b", "a\uFFFDb", "a\u2FF0b", "a\u200Eb", "a\u202Eb", "a\u200Fb",
        "a\uDB40\uDC01b", "a\u06DDb", "a\uD834\uDD73b"
    })
    void prohibitedCharactersAreRefusedByIndex(String s) {
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class, () -> prep(s));
        assertTrue(e.getMessage().contains("prohibited") && e.getMessage().contains("index 1"), e.getMessage());
    }

    @Test
    void indexCountsCodePointsOfThePreparedString() {
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                () -> prep("\u00AD\uD83D\uDE00x\u0001"));
        assertTrue(e.getMessage().contains("index 2"), e.getMessage());
    }

    @Test
    void prohibitionAppliesAfterNormalization() {
        // U+0340 (table C.8) decomposes to U+0300, which NFKC composes with the "a", so no prohibited char remains.
        assertEquals("\u00E0b", prep("a\u0340b"));
    }

    @Test
    void unassignedCodePointsAreAllowedInQueries() {
        assertEquals("a\u0378", prep("a\u0378"));
    }

    @Test
    void messageNamesWhatButNotTheValue() {
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                () -> SaslPrep.prepare("secret\u0001", "username"));
        assertTrue(e.getMessage().contains("username"));
        assertTrue(!e.getMessage().contains("secret"));
    }
}
