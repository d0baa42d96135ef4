/**
 * imap4j MIME (optional): turns a fetched message into a typed, immutable model — decoded headers, text and HTML as
 * strings, attachments as streams with names and sizes (large ones spooled to disk, never held in heap), attached
 * messages — with Apache James mime4j.
 */
module org.imap4j.mime {
    // BodySink, ImapClient and DecodedAddress appear in this module's API
    requires transitive org.imap4j.client;

    // mime4j 0.8.x ships neither a module-info nor an Automatic-Module-Name, so on the module path its jars are
    // automatic modules named after their file names: apache.mime4j.core and apache.mime4j.dom (a user who renames
    // the jars must keep those names). No mime4j type appears in this module's API, so the requires is not
    // transitive and mime4j can be replaced without breaking callers.
    requires apache.mime4j.core;
    requires apache.mime4j.dom;
    // mime4j-core uses commons-io, an explicit module; automatic modules declare no requirements, so without this
    // line nothing would bring commons-io into the module graph
    requires org.apache.commons.io;

    exports org.imap4j.mime;
}
