import Testing
@testable import XenCore

@Suite("vif rate= and mac= as xl reads them")
struct VifRateAndMACTests {
    @Test(arguments: [
        ("10MB/s", 500_000, 50_000),
        ("100Mb/s", 625_000, 50_000),
        ("1GB/s@20ms", 20_000_000, 20_000),
        ("8Kb/s@1s", 1_000, 1_000_000),
        ("5000B/s@250us", 1, 250),
        ("1MB/s@2", 2_000_000, 2_000_000),
    ] as [(String, UInt64, UInt32)])
    func ratesAndIntervals(text: String, bytes: UInt64, micros: UInt32) throws {
        let rate = try VifRate.parse(text)
        #expect(rate.bytesPerInterval == bytes)
        #expect(rate.intervalMicroseconds == micros)
    }

    @Test(arguments: ["", "10", "10MB", "10 MB/s", "10TB/s", "@50ms", "10MB/s@", "10MB/s@5h", "0MB/s", "010MB/s",
                      "5000000000B/s"])
    func malformedRatesAreRefused(text: String) {
        #expect(throws: VifRate.ParseError.self) { try VifRate.parse(text) }
    }

    @Test func macAddresses() {
        let mac = MACAddress.parse("00:16:3E:0a:b:ff")
        #expect(mac.map { [$0.0, $0.1, $0.2, $0.3, $0.4, $0.5] } == [0, 0x16, 0x3e, 0x0a, 0x0b, 0xff])
        #expect(MACAddress.parse("00-16-3e-00-00-01") != nil)
        for bad in ["", "00:16:3e:00:00", "00:16:3e:00:00:01:02", "00:16:3e:00:00:100", "0g:16:3e:00:00:01", "00:16:3e::00:01"] {
            #expect(MACAddress.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func errorMessagesNameTheKeyAndTheLibxlCode() {
        #expect(LibxlError.invalidValue(key: "vif", value: "mac=zz", reason: "malformed").description
            == "invalid value 'mac=zz' for 'vif': malformed")
        #expect(LibxlError.libxl(code: -21, operation: "libxl_domain_info").description
            .contains("no such domain (libxl error -21)"))
        #expect(LibxlErrorCode.meaning(of: -999).contains("-999"))
    }
}
