/// xl's migration handshake (tools/xl/xl.h), byte for byte, so that xm and xl can be either end:
///
///     receiver → sender   banner                      (no NUL)
///     sender → receiver   SaveFileHeader + libxl's stream
///     receiver → sender   ready                       (with its NUL)
///     sender → receiver   permissionToGo              (with its NUL)
///     receiver → sender   report (with its NUL) + one status byte, 0 when the domain runs there;
///                         otherwise the receiver has destroyed its copy and sends permissionToGo
///                         back: the sender resumes its own.
public enum MigrationMessages {
    public static let banner = Array("xl migration receiver ready, send binary domain data.\n".utf8)
    public static let ready = Array("domain received, ready to unpause".utf8) + [0]
    public static let permissionToGo = Array("domain is yours, you are cleared to unpause".utf8) + [0]
    public static let report = Array("my copy unpause results are as follows".utf8) + [0]

    /// The receiver's name for a domain while it arrives, and the sender's for its copy once the
    /// receiver has all of it (xl's suffixes: an admin who sees either knows what it is).
    public static func incomingName(_ name: String) -> String { name + "--incoming" }
    public static func migratedAwayName(_ name: String) -> String { name + "--migratedaway" }
}
