package org.imap4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Generates the "env" response stream of the benchmark plan: the server's answer to
 * {@code UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)}, shaped like Dovecot's output
 * (about 1 KB per message; one subject in four is a literal, as 8-bit subjects are), from a fixed seed.
 */
public final class EnvStream {
    private static final String[] NAMES = {"Alice Example", "Bob Builder", "Carol Danvers", "Dave Grohl", "Eve Online"};
    private static final String[] HOSTS = {"example.com", "mail.example.org", "lists.example.net"};
    private static final String[] WORDS = {"meeting", "minutes", "report", "quarterly", "review", "lunch", "plans",
        "draft", "update", "invoice", "travel", "schedule"};

    private EnvStream() {
    }

    /**
     * @param messages how many FETCH responses
     * @return the stream, CRLF-terminated responses, ending with the tagged OK
     */
    public static byte[] generate(int messages) {
        Random rnd = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream(messages * 1100);
        for (int i = 1; i <= messages; i++) {
            StringBuilder sb = new StringBuilder(1200);
            sb.append("* ").append(i).append(" FETCH (UID ").append(1000 + i)
                    .append(" FLAGS (\\Seen").append(i % 3 == 0 ? " \\Answered" : "").append(')')
                    .append(" INTERNALDATE \"").append(1 + rnd.nextInt(28)).append("-Mar-2024 1")
                    .append(rnd.nextInt(10)).append(":2").append(rnd.nextInt(10)).append(":0")
                    .append(rnd.nextInt(10)).append(" +0100\"")
                    .append(" RFC822.SIZE ").append(1300 + rnd.nextInt(200000))
                    .append(" ENVELOPE (\"Mon, 4 Mar 2024 10:2").append(rnd.nextInt(10))
                    .append(":00 +0100\" ");
            String subject = WORDS[rnd.nextInt(WORDS.length)] + " " + WORDS[rnd.nextInt(WORDS.length)] + " #" + i;
            byte[] appendLiteral = null;
            if (i % 4 == 0) {
                byte[] s = ("Re: " + subject + " \u00e9t\u00e9").getBytes(StandardCharsets.UTF_8);
                sb.append('{').append(s.length).append("}\r\n");
                appendLiteral = s;
            } else {
                sb.append('"').append(subject).append('"');
            }
            StringBuilder rest = new StringBuilder(900);
            String from = addr(rnd);
            rest.append(' ').append(from).append(' ').append(from).append(' ').append(from).append(' ')
                    .append('(').append(addrBody(rnd)).append(addrBody(rnd)).append(')')
                    .append(" NIL NIL NIL \"<").append(Long.toHexString(rnd.nextLong())).append('@')
                    .append(HOSTS[rnd.nextInt(HOSTS.length)]).append(">\")")
                    .append(" BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" ")
                    .append(200 + rnd.nextInt(5000)).append(' ').append(10 + rnd.nextInt(100))
                    .append(" NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" ")
                    .append(400 + rnd.nextInt(9000)).append(' ').append(20 + rnd.nextInt(200))
                    .append(" NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"b1_")
                    .append(Long.toHexString(rnd.nextLong())).append("\") NIL NIL NIL))\r\n");
            byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
            out.write(head, 0, head.length);
            if (appendLiteral != null) {
                out.write(appendLiteral, 0, appendLiteral.length);
            }
            byte[] tail = rest.toString().getBytes(StandardCharsets.UTF_8);
            out.write(tail, 0, tail.length);
        }
        byte[] ok = "A1 OK Fetch completed.\r\n".getBytes(StandardCharsets.US_ASCII);
        out.write(ok, 0, ok.length);
        return out.toByteArray();
    }

    private static String addr(Random rnd) {
        return "(" + addrBody(rnd) + ")";
    }

    private static String addrBody(Random rnd) {
        String name = NAMES[rnd.nextInt(NAMES.length)];
        String mailbox = name.substring(0, name.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
        return "(\"" + name + "\" NIL \"" + mailbox + "\" \"" + HOSTS[rnd.nextInt(HOSTS.length)] + "\")";
    }
}
