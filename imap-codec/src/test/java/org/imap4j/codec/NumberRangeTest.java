package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * Every numeric rule of the response grammar enforces its own range, at its boundary, with a typed
 * {@link ImapProtocolException} (never a wrapped {@code long}, a {@code NumberFormatException} or an
 * {@code IllegalArgumentException} from a record): {@code number} and {@code nz-number} are 32-bit unsigned (RFC 9051
 * section 9), {@code number64} and RFC 7162's {@code mod-sequence-value} are 63-bit, and Gmail's X-GM-MSGID /
 * X-GM-THRID are unsigned 64-bit. One value at the limit is accepted and the next one refused, so an off-by-one in
 * either direction fails. Response codes are the exception by grammar: an out-of-range number there keeps the code
 * as {@link ResponseCode.Other} (see {@code keptUntyped}). A sequence set the server sends stays a list of ranges,
 * however many numbers it spans.
 */
class NumberRangeTest {
    private static final String U32_MAX = "4294967295";
    private static final String U32_OVER = "4294967296";
    private static final String S63_MAX = "9223372036854775807";
    private static final String S63_OVER = "9223372036854775808";
    private static final String U64_MAX = "18446744073709551615";
    private static final String U64_OVER = "18446744073709551616";

    private static Response parse(String wire) {
        return ImapCodec.decodeResponse((wire + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static ImapProtocolException refused(String wire) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> parse(wire), wire);
        return assertInstanceOf(ImapProtocolException.class, e, () -> wire + " gave " + e);
    }

    private static FetchItem onlyItem(String wire) {
        Untagged.Fetch f = (Untagged.Fetch) parse(wire);
        assertEquals(1, f.items().size(), f::toString);
        return f.items().get(0);
    }

    @Test
    void uidIsAnNzNumber() {
        assertEquals(4294967295L, ((FetchItem.Uid) onlyItem("* 1 FETCH (UID " + U32_MAX + ")")).uid());
        refused("* 1 FETCH (UID " + U32_OVER + ")");
        refused("* 1 FETCH (UID 0)");
        refused("* 1 FETCH (UID 99999999999999999999999)");
    }

    @Test
    void messageSequenceNumbersAreNzNumbers() {
        assertEquals(4294967295L, ((Untagged.Fetch) parse("* " + U32_MAX + " FETCH (UID 1)")).seq());
        assertEquals(4294967295L, ((Untagged.Expunge) parse("* " + U32_MAX + " EXPUNGE")).seq());
        refused("* " + U32_OVER + " FETCH (UID 1)");
        refused("* " + U32_OVER + " EXPUNGE");
        // message-data = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att)): message 0 does not exist
        refused("* 0 FETCH (UID 1)");
        refused("* 0 EXPUNGE");
    }

    @Test
    void existsAndRecentAreNumbers() {
        assertEquals(4294967295L, ((Untagged.Exists) parse("* " + U32_MAX + " EXISTS")).count());
        assertEquals(0L, ((Untagged.Exists) parse("* 0 EXISTS")).count(), "an empty mailbox has 0 EXISTS");
        refused("* " + U32_OVER + " EXISTS");
        refused("* " + U32_OVER + " RECENT");
    }

    /*
     * A response code is the one place where an out-of-range number is not an error: resp-text-code ends in the
     * catch-all "atom [SP 1*<any TEXT-CHAR except "]">]", which "[UIDNEXT 4294967296]" matches, so the response is
     * valid and the codec keeps the code as ResponseCode.Other (its documented lossless fallback). What must never
     * happen is a typed UidNext / CopyUid / HighestModSeq carrying a wrapped or out-of-range value.
     */
    private static void keptUntyped(String wire, String name) {
        Response r = parse(wire);
        ResponseCode c = r instanceof Untagged.StatusResponse s ? s.code()
                : ((org.imap4j.codec.response.Tagged) r).code();
        ResponseCode.Other other = assertInstanceOf(ResponseCode.Other.class, c, () -> wire + " gave " + c);
        assertEquals(name, other.name(), wire);
    }

    @Test
    void uidNextUidValidityAndCopyUidAreNzNumbers() {
        ResponseCode c = ((Untagged.StatusResponse) parse("* OK [UIDNEXT " + U32_MAX + "] x")).code();
        assertEquals(4294967295L, ((ResponseCode.UidNext) c).uid());
        ResponseCode cu = ((org.imap4j.codec.response.Tagged) parse("A1 OK [COPYUID " + U32_MAX + " 1:2 "
                + U32_MAX + "] x")).code();
        assertEquals(4294967295L, ((ResponseCode.CopyUid) cu).uidValidity());
        keptUntyped("* OK [UIDNEXT " + U32_OVER + "] x", "UIDNEXT");
        keptUntyped("* OK [UIDNEXT 0] x", "UIDNEXT");
        keptUntyped("* OK [UIDVALIDITY " + U32_OVER + "] x", "UIDVALIDITY");
        keptUntyped("* OK [UIDVALIDITY 0] x", "UIDVALIDITY");
        keptUntyped("A1 OK [COPYUID 1 1:2 3:" + U32_OVER + "] x", "COPYUID");
        keptUntyped("A1 OK [COPYUID " + U32_OVER + " 1:2 3:4] x", "COPYUID");
        keptUntyped("A1 OK [APPENDUID 1 " + U32_OVER + "] x", "APPENDUID");
        keptUntyped("A1 OK [APPENDUID 1 0] x", "APPENDUID");
    }

    @Test
    void rfc822SizeIsANumber64AsRfc9051Says() {
        // RFC 3501 had "RFC822.SIZE" SP number (32-bit); RFC 9051 section 9 widened it to number64, so a message
        // of more than 4 GiB is representable: the limit is 2^63-1, not 2^32-1
        assertEquals(4294967296L, ((FetchItem.Rfc822Size) onlyItem("* 1 FETCH (RFC822.SIZE " + U32_OVER + ")"))
                .size());
        assertEquals(Long.MAX_VALUE, ((FetchItem.Rfc822Size) onlyItem("* 1 FETCH (RFC822.SIZE " + S63_MAX + ")"))
                .size());
        refused("* 1 FETCH (RFC822.SIZE " + S63_OVER + ")");
        refused("* 1 FETCH (RFC822.SIZE " + U64_OVER + ")");
    }

    @Test
    void modSequenceValuesAre63Bit() {
        // RFC 7162 section 7: mod-sequence-value = 1*DIGIT, a positive unsigned 63-bit integer
        assertEquals(Long.MAX_VALUE, ((FetchItem.ModSeq) onlyItem("* 1 FETCH (MODSEQ (" + S63_MAX + "))")).modSeq());
        refused("* 1 FETCH (MODSEQ (" + S63_OVER + "))");
        refused("* 1 FETCH (MODSEQ (" + U64_MAX + "))");
        ResponseCode c = ((Untagged.StatusResponse) parse("* OK [HIGHESTMODSEQ " + S63_MAX + "] x")).code();
        assertEquals(Long.MAX_VALUE, ((ResponseCode.HighestModSeq) c).modSeq());
        keptUntyped("* OK [HIGHESTMODSEQ " + S63_OVER + "] x", "HIGHESTMODSEQ");
        refused("* SEARCH 1 2 (MODSEQ " + S63_OVER + ")");
        refused("* ESEARCH (TAG \"a\") UID MODSEQ " + S63_OVER);
    }

    @Test
    void gmailIdsAreUnsigned64Bit() {
        // Gmail's ids use the full unsigned range; Java holds them in a long's 64 bits (Long.toUnsignedString)
        FetchItem msg = onlyItem("* 1 FETCH (X-GM-MSGID " + U64_MAX + ")");
        assertEquals(U64_MAX, Long.toUnsignedString(((FetchItem.GmailMessageId) msg).id()));
        FetchItem thr = onlyItem("* 1 FETCH (X-GM-THRID " + U64_MAX + ")");
        assertEquals(U64_MAX, Long.toUnsignedString(((FetchItem.GmailThreadId) thr).id()));
        FetchItem mid = onlyItem("* 1 FETCH (X-GM-MSGID " + S63_OVER + ")");
        assertEquals(S63_OVER, Long.toUnsignedString(((FetchItem.GmailMessageId) mid).id()),
                "above 2^63-1 is still a valid Gmail id");
        refused("* 1 FETCH (X-GM-MSGID " + U64_OVER + ")");
        refused("* 1 FETCH (X-GM-THRID " + U64_OVER + ")");
        refused("* 1 FETCH (X-GM-MSGID 99999999999999999999)");
    }

    @Test
    void sequenceSetsAreChecked32Bit() {
        refused("* VANISHED 1:" + U32_OVER);
        refused("* VANISHED 0:3");
        refused("* ESEARCH (TAG \"a\") UID ALL 1," + U32_OVER);
        refused("* ESEARCH (TAG \"a\") UID MIN " + U32_OVER);
    }

    @Test
    void aWholeRangeSequenceSetStaysOneRange() {
        String[] wires = {"* VANISHED (EARLIER) 1:" + U32_MAX, "* ESEARCH (TAG \"a\") UID ALL 1:" + U32_MAX,
            "A1 OK [COPYUID 7 1:" + U32_MAX + " 1:" + U32_MAX + "] copied"};
        for (String wire : wires) {
            parse(wire); // warm up class loading so the measured parse counts only its own allocations
            long before = ThreadAllocation.currentThread();
            Response r = parse(wire);
            long allocated = ThreadAllocation.currentThread() - before;
            SequenceSet set = setOf(r);
            assertEquals(List.of(new SequenceSet.Range(1, 4294967295L)), set.ranges(), wire);
            assertEquals(4294967295L, set.size(), wire);
            // 2^32-1 numbers expanded would be >= 16 GiB of Longs (or 4 GiB as a bitmap); a parse of one short
            // line allocates a few KiB. 1 MiB is two orders of magnitude above the latter and far below the former.
            assertTrue(allocated < (1 << 20), () -> wire + " allocated " + allocated + " bytes");
        }
    }

    private static SequenceSet setOf(Response r) {
        if (r instanceof Untagged.Vanished v) {
            return v.uids();
        }
        if (r instanceof Untagged.ESearch es) {
            for (ESearchItem i : es.items()) {
                if (i instanceof ESearchItem.All a) {
                    return a.set();
                }
            }
        }
        if (r instanceof org.imap4j.codec.response.Tagged t && t.code() instanceof ResponseCode.CopyUid cu) {
            assertEquals(cu.source(), cu.destination());
            return cu.source();
        }
        throw new AssertionError("no sequence set in " + r);
    }
}
