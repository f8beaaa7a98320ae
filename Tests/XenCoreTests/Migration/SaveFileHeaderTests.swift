import Testing
import XenCore

@Suite struct SaveFileHeaderTests {
    /// What xl writes for a config "{}": tools/xl's save_file_header in host (little-endian) order.
    @Test func theHeaderIsXlsByteForByte() {
        let bytes = SaveFileHeader(configJSON: "{}").encoded()
        let magic = Array("Xen saved domain, xl format\n \u{0} \r".utf8)
        #expect(magic.count == 32)
        #expect(Array(bytes[0..<32]) == magic)
        #expect(Array(bytes[32..<36]) == [0x04, 0x03, 0x02, 0x01])  // byte-order mark 0x01020304
        #expect(Array(bytes[36..<40]) == [0x03, 0, 0, 0])  // JSON | STREAMv2
        #expect(Array(bytes[40..<44]) == [0, 0, 0, 0])  // no optional flags
        #expect(Array(bytes[44..<48]) == [7, 0, 0, 0])  // optional data: 4 + "{}" + NUL
        #expect(Array(bytes[48...]) == [3, 0, 0, 0, 0x7B, 0x7D, 0])
    }

    @Test func aHeaderReadsBackAndStopsAtTheStream() throws {
        let json = #"{"c_info": {"name": "vm1"}}"#
        let stream = Array("LibxlFmt...".utf8)
        let input = Reader(SaveFileHeader(configJSON: json).encoded() + stream)
        let header = try SaveFileHeader.read(using: input.read)
        #expect(header.configJSON == json)
        #expect(header.streamVersion == 2)
        #expect(input.rest == stream)
    }

    static let refusals: [([UInt8], SaveFileError)] = [
        ([], .empty),
        (Array("name = 'vm1'\nmemory = 512\n".utf8), .notASaveFile),
        (Array("Xen saved domain, xl".utf8), .truncated(part: "header")),
        (Array(SaveFileHeader(configJSON: "{}").encoded()[0..<40]), .truncated(part: "header")),
        (Array(SaveFileHeader(configJSON: "{}").encoded().dropLast(2)), .truncated(part: "header")),
        (patched(at: 32, [1, 2, 3, 4]), .foreignByteOrder),
        (patched(at: 36, [0x07, 0, 0, 0]), .unsupportedFlags(4)),
        (patched(at: 44, [0xFF, 0xFF, 0xFF, 0x7F]), .optionalDataTooLarge(0x7FFF_FFFF)),
        (patched(at: 48, [9, 0, 0, 0]), .truncated(part: "configuration")),
        (patched(at: 36, [0x02, 0, 0, 0]), .configNotJSON),
        (patched(at: 52, [0xFF]), .configNotText),
    ]

    @Test(arguments: refusals)
    func whatIsNotASaveFileIsRefusedWithItsReason(input: [UInt8], expected: SaveFileError) {
        #expect(throws: expected) { try SaveFileHeader.read(using: Reader(input).read) }
    }

    @Test func eachRefusalSaysWhyInWords() {
        #expect(SaveFileError.empty.description == "the file is empty")
        #expect(SaveFileError.truncated(part: "header").description == "the file ends inside its header")
        #expect(XenError.saveFileInvalid(.notASaveFile).description.hasPrefix("cannot restore: not a saved domain"))
    }

    /// The encoding of a "{}" config with `bytes` written over it at `offset`.
    static func patched(at offset: Int, _ bytes: [UInt8]) -> [UInt8] {
        var data = SaveFileHeader(configJSON: "{}").encoded()
        data.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        return data
    }

    final class Reader {
        var rest: [UInt8]
        init(_ bytes: [UInt8]) { rest = bytes }
        func read(_ count: Int) -> [UInt8] {
            let taken = Array(rest.prefix(count))
            rest.removeFirst(taken.count)
            return taken
        }
    }
}
