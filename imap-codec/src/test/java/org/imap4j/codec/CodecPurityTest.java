package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The codec is pure (issue 15 item 1): its compiled main classes refer to nothing that does network, TLS,
 * compression, concurrency or reflection, and hold no static mutable state, so two connections (two engines or
 * decoders) share nothing through it. The rule is checked on the bytes javac produced (every class name and
 * descriptor in each class file's constant pool) and on the values of the static fields after class initialization,
 * so it holds whatever the sources look like.
 */
class CodecPurityTest {
    /** Packages (internal names) the codec's main code must never name. */
    private static final List<String> FORBIDDEN = List.of("javax/net/", "java/net/", "java/util/zip/",
            "java/util/concurrent/", "java/lang/reflect/", "java/security/", "javax/security/", "java/nio/channels/",
            "java/nio/file/", "java/util/logging/", "java/lang/System$Logger");

    /** The one exception to {@link #FORBIDDEN}: pure hashing and its constant-time comparison. */
    private static final Set<String> ALLOWED = Set.of("java/security/MessageDigest");

    /**
     * Static arrays that are constant tables: private, filled once in the class initializer and never written after
     * (lookup tables on the parser's hot paths, where an immutable collection would cost a call and a cast per byte).
     * Adding a name here needs that same reason; anything that is written after class initialization belongs to an
     * engine or decoder instance instead.
     */
    private static final Set<String> CONSTANT_TABLES = Set.of(
            "org.imap4j.codec.core.Flag#SYSTEM",
            "org.imap4j.codec.core.MailboxName#B64",
            "org.imap4j.codec.core.MailboxName#B64_INV",
            "org.imap4j.codec.internal.ascii.Ascii#CLASS",
            "org.imap4j.codec.internal.encode.CommandEncoder#DONE",
            "org.imap4j.codec.internal.encode.DateTimeEncoder#MONTHS",
            "org.imap4j.codec.internal.frame.Framer#EMPTY",
            "org.imap4j.codec.internal.parse.DateTimeParser#MONTHS",
            "org.imap4j.codec.internal.parse.DateTimeParser#ZONES",
            "org.imap4j.codec.internal.parse.EnvelopeParser#INTERNED",
            "org.imap4j.codec.internal.parse.EnvelopeParser#INTERNED_BYTES",
            "org.imap4j.codec.internal.parse.EnvelopeParser#INTERNED_HASH",
            "org.imap4j.codec.internal.parse.FetchParser#NAMES",
            "org.imap4j.codec.internal.parse.FetchParser#ITEMS",
            "org.imap4j.codec.internal.parse.FetchParser#COMMON_FLAGS");

    /**
     * Instance fields that are not final but hold a cache of a pure function of the object's final state (as
     * {@code String.hash} does): racing writers store the same value, so the object stays a value.
     */
    private static final Set<String> VALUE_CACHES = Set.of("org.imap4j.codec.core.Bytes.hash");

    /** JDK value types that are immutable by their specification. */
    private static final Set<Class<?>> JDK_VALUES = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, java.math.BigInteger.class,
            java.math.BigDecimal.class, Class.class, java.nio.charset.Charset.class, java.util.regex.Pattern.class,
            java.util.Locale.class, java.lang.invoke.VarHandle.class, java.lang.invoke.MethodHandle.class,
            java.time.ZoneOffset.class, java.time.ZoneId.class, java.time.Duration.class,
            java.time.format.DateTimeFormatter.class);

    private static Path classesRoot() throws URISyntaxException {
        Path root = Path.of(ImapEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root.resolve("org/imap4j/codec")), () -> "not the codec's classes: " + root);
        return root;
    }

    private static List<Path> classFiles() throws IOException, URISyntaxException {
        Path root = classesRoot();
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.class")).sorted().toList();
            assertTrue(files.size() > 50, () -> "expected the codec's classes under " + root + ", found " + files);
            return files;
        }
    }

    private static String className(Path file) throws URISyntaxException {
        String rel = classesRoot().relativize(file).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
    }

    /** Every CONSTANT_Utf8 of a class file: class names, descriptors, signatures, member names, string literals. */
    static List<String> utf8Constants(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> out.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        return out;
    }

    static List<String> forbiddenNames(List<String> constants) {
        Set<String> found = new TreeSet<>();
        for (String c : constants) {
            for (String f : FORBIDDEN) {
                int at = c.indexOf(f);
                while (at >= 0) {
                    int end = at;
                    while (end < c.length() && (Character.isJavaIdentifierPart(c.charAt(end)) || c.charAt(end) == '/'
                            || c.charAt(end) == '$')) {
                        end++;
                    }
                    String name = c.substring(at, end);
                    if (!ALLOWED.contains(name)) {
                        found.add(name);
                    }
                    at = c.indexOf(f, end);
                }
            }
        }
        return List.copyOf(found);
    }

    @Test
    void mainClassesNameNoForbiddenPackage() throws Exception {
        List<String> violations = new ArrayList<>();
        for (Path f : classFiles()) {
            try (InputStream in = Files.newInputStream(f)) {
                for (String name : forbiddenNames(utf8Constants(in))) {
                    violations.add(className(f) + " -> " + name);
                }
            }
        }
        assertEquals(List.of(), violations, "the codec's main code must stay pure (issue 15 item 1)");
    }

    @Test
    void theScanSeesWhatItMustRefuse() throws IOException {
        // This test class names java.lang.reflect and java.net itself: the same scan must find them here.
        try (InputStream in = CodecPurityTest.class.getResourceAsStream("CodecPurityTest.class")) {
            List<String> found = forbiddenNames(utf8Constants(in));
            assertTrue(found.contains("java/lang/reflect/Field"), found::toString);
            assertTrue(found.contains("java/net/URISyntaxException"), found::toString);
        }
        assertEquals(List.of(), forbiddenNames(List.of("java/security/MessageDigest", "java/util/List")));
        assertEquals(List.of("java/util/concurrent/ConcurrentHashMap"),
                forbiddenNames(List.of("(Ljava/util/concurrent/ConcurrentHashMap;)V")));
    }

    @Test
    void noStaticMutableState() throws Exception {
        List<String> violations = new ArrayList<>();
        Set<String> tablesSeen = new TreeSet<>();
        for (Path f : classFiles()) {
            Class<?> c = Class.forName(className(f), true, ImapEngine.class.getClassLoader());
            for (Field field : c.getDeclaredFields()) {
                int m = field.getModifiers();
                if (!Modifier.isStatic(m) || field.isSynthetic()) {
                    continue;
                }
                String id = c.getName() + "#" + field.getName();
                if (!Modifier.isFinal(m)) {
                    violations.add(id + " is not final");
                    continue;
                }
                if (field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(null);
                if (value != null && value.getClass().isArray() && CONSTANT_TABLES.contains(id)) {
                    tablesSeen.add(id);
                    if (!Modifier.isPrivate(m)) {
                        violations.add(id + " is a constant table but not private");
                    }
                    continue;
                }
                String why = mutable(value, new IdentityHashMap<>());
                if (why != null) {
                    violations.add(id + ": " + why);
                }
            }
        }
        assertEquals(List.of(), violations, "the codec must hold no static mutable state (issue 15 item 1)");
        assertEquals(new TreeSet<>(CONSTANT_TABLES), tablesSeen, "a listed constant table no longer exists");
    }

    @Test
    void theStateCheckSeesWhatItMustRefuse() {
        assertEquals(null, mutable(List.of("a", Flag.SEEN_NAME), new IdentityHashMap<>()));
        assertTrue(mutable(new ArrayList<>(), new IdentityHashMap<>()) != null);
        assertTrue(mutable(Map.of("a", new int[1]), new IdentityHashMap<>()) != null);
        assertTrue(mutable(new Holder(), new IdentityHashMap<>()) != null);
        assertEquals(null, mutable(new byte[0], new IdentityHashMap<>()));
        assertTrue(mutable(new byte[1], new IdentityHashMap<>()) != null);
        assertTrue(mutable(java.util.EnumSet.of(java.time.DayOfWeek.MONDAY), new IdentityHashMap<>()) != null);
    }

    /** A class with a non-final field, for {@link #theStateCheckSeesWhatItMustRefuse}. */
    private static final class Holder {
        @SuppressWarnings("unused")
        private int count;
    }

    /** Holds a constant of an immutable type, for {@link #theStateCheckSeesWhatItMustRefuse}. */
    private static final class Flag {
        static final String SEEN_NAME = "\\Seen";
    }

    /**
     * Why a value reachable from a static field can change, or null if it cannot: JDK value types, enums and records
     * of immutable parts, the JDK's immutable collections of immutable elements, and the codec's own objects whose
     * every field is final and immutable.
     */
    private static String mutable(Object v, IdentityHashMap<Object, Boolean> seen) {
        if (v == null || seen.put(v, Boolean.TRUE) != null) {
            return null;
        }
        Class<?> c = v.getClass();
        if (c.isArray()) {
            // An empty array has no element to write.
            return java.lang.reflect.Array.getLength(v) == 0 ? null
                    : "an array (" + c.getSimpleName() + ") can be written";
        }
        for (Class<?> k : JDK_VALUES) {
            if (k.isInstance(v)) {
                return null;
            }
        }
        String name = c.getName();
        if (name.startsWith("java.util.ImmutableCollections$")) {
            Collection<?> elements = v instanceof Map<?, ?> map ? concat(map) : (Collection<?>) v;
            for (Object e : elements) {
                String why = mutable(e, seen);
                if (why != null) {
                    return "an element: " + why;
                }
            }
            return null;
        }
        if (!name.startsWith("org.imap4j.") && !(v instanceof Enum<?>)) {
            return c.getName() + " is not known to be immutable";
        }
        for (Class<?> k = c; k != null && k != Object.class && k != Enum.class && k != Record.class;
                k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                if (!Modifier.isFinal(f.getModifiers())) {
                    if (VALUE_CACHES.contains(k.getName() + "." + f.getName()) && f.getType().isPrimitive()) {
                        continue;
                    }
                    return k.getName() + "." + f.getName() + " is not final";
                }
                if (f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    String why = mutable(f.get(v), seen);
                    if (why != null) {
                        return k.getName() + "." + f.getName() + ": " + why;
                    }
                } catch (IllegalAccessException e) {
                    return "unreadable field " + k.getName() + "." + f.getName();
                }
            }
        }
        return null;
    }

    private static Collection<?> concat(Map<?, ?> m) {
        List<Object> out = new ArrayList<>(m.keySet());
        out.addAll(m.values());
        return out;
    }
}
