package org.imap4j.codec.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any search key survives encode and parse inside a SEARCH command. */
class SearchKeyProperties {
    @Provide
    Arbitrary<SearchKey> keys() {
        return CommandArbitraries.searchKey();
    }

    @Property(tries = 300)
    void searchKeyRoundTrip(@ForAll("keys") SearchKey k) {
        Command.Search s = new Command.Search("UTF-8", k, null, true);
        assertEquals(s, Wire.parse(Wire.encode("t", s, EncodeOptions.DEFAULT)).command());
    }
}
