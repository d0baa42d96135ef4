package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EncodedWordsTest {
    @Test
    void decodesBothEncodingsInAnyCase() {
        assertEquals("Hello", EncodedWords.decode("=?UTF-8?B?SGVsbG8=?="));
        assertEquals("Grüße aus Köln", EncodedWords.decode("=?iso-8859-1?q?Gr=FC=DFe_aus_K=F6ln?="));
        assertEquals("Grüße", EncodedWords.decode("=?utf-8?Q?Gr=C3=BC=C3=9Fe?="));
    }

    @Test
    void joinsAdjacentWordsAndKeepsOrdinarySpace() {
        assertEquals("HelloWörld", EncodedWords.decode("=?UTF-8?B?SGVsbG8=?= =?ISO-8859-1?Q?W=F6rld?="));
        assertEquals("HelloWorld", EncodedWords.decode("=?UTF-8?Q?Hello?=\r\n =?UTF-8?Q?World?="));
        assertEquals("Re: Hello World", EncodedWords.decode("Re: =?UTF-8?Q?Hello?= World"));
        assertEquals("a b", EncodedWords.decode("=?UTF-8?Q?a?= b"));
    }

    @Test
    void aCharacterSplitAcrossTwoWordsComesOutWhole() {
        // "€" is E2 82 AC in UTF-8; senders that wrap at a fixed length may split it between two words
        assertEquals("1€", EncodedWords.decode("=?UTF-8?Q?1=E2=82?= =?UTF-8?Q?=AC?="));
        assertEquals("日本語", EncodedWords.decode("=?UTF-8?B?5pel5pys?= =?UTF-8?B?6Kqe?="));
    }

    @Test
    void malformedWordsAreLeftAsSent() {
        assertEquals("=?x-no-such-charset?Q?abc?=", EncodedWords.decode("=?x-no-such-charset?Q?abc?="));
        assertEquals("=?UTF-8?B?@@@?=", EncodedWords.decode("=?UTF-8?B?@@@?="));
        assertEquals("=?UTF-8?Q?a=ZZ?=", EncodedWords.decode("=?UTF-8?Q?a=ZZ?="));
        assertEquals("=?UTF-8?X?abc?=", EncodedWords.decode("=?UTF-8?X?abc?="));
        assertEquals("=?UTF-8?Q?unterminated", EncodedWords.decode("=?UTF-8?Q?unterminated"));
        // bytes that are not UTF-8
        assertEquals("=?UTF-8?Q?=FF?=", EncodedWords.decode("=?UTF-8?Q?=FF?="));
        // a malformed word next to a good one: the space between them is ordinary text
        assertEquals("ok =?UTF-8?Q?=FF?=", EncodedWords.decode("=?UTF-8?Q?ok?= =?UTF-8?Q?=FF?="));
        assertEquals("", EncodedWords.decode(null));
        assertEquals("plain = text ?=", EncodedWords.decode("plain = text ?="));
    }

    @Test
    void ignoresAnRfc2231LanguageAndAcceptsGluedWords() {
        assertEquals("Hi", EncodedWords.decode("=?US-ASCII*EN?Q?Hi?="));
        assertEquals("Re:ü", EncodedWords.decode("Re:=?UTF-8?Q?=C3=BC?="));
    }
}
