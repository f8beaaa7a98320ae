/// The header xl writes in front of libxl's stream, in a save file and on the migration wire
/// (tools/xl/xl.h, struct save_file_header): 32 bytes of magic, then four 32-bit words in the
/// host's byte order (byte-order mark, mandatory flags, optional flags, optional data length),
/// then the optional data: a 32-bit length and the domain's libxl JSON configuration with its
/// trailing NUL. Writing it byte for byte as xl does is what lets xl restore xm's files and
/// receive xm's migrations, and the other way round.
public struct SaveFileHeader: Sendable, Hashable {
    static let magic: [UInt8] = Array("Xen saved domain, xl format\n \u{0} \r".utf8)
    static let byteOrderMark: UInt32 = 0x0102_0304
    /// The configuration in the optional data is JSON (not xl.cfg text).
    static let flagJSON: UInt32 = 1 << 0
    /// libxl's stream is version 2 (every xl since Xen 4.6 writes it).
    static let flagStreamV2: UInt32 = 1 << 1
    static let knownMandatoryFlags = flagJSON | flagStreamV2
    /// The fixed part: magic and four words.
    static let fixedSize = 48
    /// More optional data than any domain configuration needs: a corrupt length must not make
    /// xm allocate gigabytes before it finds out.
    static let optionalDataLimit: UInt32 = 16 * 1024 * 1024

    public var mandatoryFlags: UInt32
    public var optionalFlags: UInt32
    /// The domain's configuration as libxl JSON (without the NUL), or nil when the file has none.
    public var configJSON: String?

    public init(configJSON: String) {
        mandatoryFlags = Self.flagJSON | Self.flagStreamV2
        optionalFlags = 0
        self.configJSON = configJSON
    }

    /// libxl's stream version for `libxl_domain_restore_params.stream_version`.
    public var streamVersion: UInt32 { mandatoryFlags & Self.flagStreamV2 != 0 ? 2 : 1 }

    /// The header and its optional data, as xl writes them.
    public func encoded() -> [UInt8] {
        var optional: [UInt8] = []
        if let configJSON {
            let config = Array(configJSON.utf8) + [0]
            optional += Self.bytes(UInt32(config.count)) + config
        }
        var out = Self.magic
        out += Self.bytes(Self.byteOrderMark)
        out += Self.bytes(mandatoryFlags)
        out += Self.bytes(optionalFlags)
        out += Self.bytes(UInt32(optional.count))
        return out + optional
    }

    /// Reads a header with `read(n)`, which returns up to n bytes (fewer only at the end of the
    /// input). Reads exactly the header and its optional data, nothing of the stream after it.
    public static func read(using read: (Int) throws -> [UInt8]) throws -> SaveFileHeader {
        let fixed = try read(fixedSize)
        guard !fixed.isEmpty else { throw SaveFileError.empty }
        guard fixed.prefix(32).elementsEqual(magic.prefix(fixed.count)) else { throw SaveFileError.notASaveFile }
        guard fixed.count == fixedSize else { throw SaveFileError.truncated(part: "header") }
        let byteOrder = word(fixed, at: 32)
        guard byteOrder == byteOrderMark else { throw SaveFileError.foreignByteOrder }
        let mandatory = word(fixed, at: 36)
        let unknown = mandatory & ~knownMandatoryFlags
        guard unknown == 0 else { throw SaveFileError.unsupportedFlags(unknown) }
        let optionalFlags = word(fixed, at: 40)
        let optionalLength = word(fixed, at: 44)
        guard optionalLength <= optionalDataLimit else { throw SaveFileError.optionalDataTooLarge(optionalLength) }
        let optional = try read(Int(optionalLength))
        guard optional.count == Int(optionalLength) else { throw SaveFileError.truncated(part: "header") }

        var header = SaveFileHeader(configJSON: "")
        header.mandatoryFlags = mandatory
        header.optionalFlags = optionalFlags
        header.configJSON = try config(in: optional, isJSON: mandatory & flagJSON != 0)
        return header
    }

    private static func config(in optional: [UInt8], isJSON: Bool) throws -> String? {
        guard !optional.isEmpty else { return nil }
        guard optional.count >= 4 else { throw SaveFileError.truncated(part: "configuration") }
        let length = Int(word(optional, at: 0))
        guard length <= optional.count - 4 else { throw SaveFileError.truncated(part: "configuration") }
        guard isJSON else { throw SaveFileError.configNotJSON }
        var config = optional[4..<(4 + length)]
        if config.last == 0 { config = config.dropLast() }
        guard !config.contains(0), let text = String(validating: config, as: UTF8.self) else {
            throw SaveFileError.configNotText
        }
        return text
    }

    private static func bytes(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        var value: UInt32 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[offset..<(offset + 4)]) }
        return value
    }
}

/// Why a save file (or the start of a migration stream) cannot be read as xl's format.
public enum SaveFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    /// No xl magic: a text file, another tool's image, or not a save file at all.
    case notASaveFile
    case foreignByteOrder
    /// Mandatory flags this xm does not know (a newer xl's format).
    case unsupportedFlags(UInt32)
    case optionalDataTooLarge(UInt32)
    /// The input ended inside `part`.
    case truncated(part: String)
    /// xl 4.1's files kept the config as xl.cfg text; xm reads the JSON every later xl writes.
    case configNotJSON
    case configNotText
    /// The header is fine but carries no domain configuration to restore from.
    case noConfig

    public var description: String {
        switch self {
        case .empty: "the file is empty"
        case .notASaveFile: "not a saved domain (no xl save-file signature): a corrupt file, or another tool's"
        case .foreignByteOrder: "saved on a host of the other byte order"
        case .unsupportedFlags(let flags):
            "the file needs features this xm does not know (mandatory flags 0x\(String(flags, radix: 16)))"
        case .optionalDataTooLarge(let length): "corrupt header: \(length) bytes of optional data"
        case .truncated(let part): "the file ends inside its \(part)"
        case .configNotJSON: "the saved configuration is in xl's old text format; restore it with xl"
        case .configNotText: "corrupt header: the saved configuration is not text"
        case .noConfig: "the file carries no domain configuration"
        }
    }
}
