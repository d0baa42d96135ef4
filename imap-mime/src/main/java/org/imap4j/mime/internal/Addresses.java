package org.imap4j.mime.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.imap4j.client.DecodedAddress;

/** Address fields (RFC 5322 section 3.4) read with mime4j's lenient parser into imap4j's decoded addresses. */
public final class Addresses {
    private Addresses() {
    }

    /**
     * @param raw an address field's body, unfolded
     * @return its mailboxes, names decoded; group members name their group
     */
    public static List<DecodedAddress> parse(String raw) {
        List<DecodedAddress> out = new ArrayList<>();
        AddressList list = LenientAddressParser.DEFAULT.parseAddressList(raw);
        for (Address a : list) {
            if (a instanceof Mailbox) {
                out.add(of((Mailbox) a, null));
            } else if (a instanceof Group) {
                Group g = (Group) a;
                for (Mailbox m : g.getMailboxes()) {
                    out.add(of(m, decode(g.getName())));
                }
            }
        }
        return out;
    }

    private static DecodedAddress of(Mailbox m, String group) {
        return new DecodedAddress(decode(m.getName()).strip(), m.getAddress(), group);
    }

    private static String decode(String s) {
        if (s == null) {
            return "";
        }
        return s.contains("=?") ? DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT) : s;
    }
}
