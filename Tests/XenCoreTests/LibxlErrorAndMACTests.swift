import Testing

@testable import XenCore

@Suite("libxl errors and MAC octets")
struct LibxlErrorAndMACTests {
    @Test func macOctets() {
        let mac = DomainConfigMapper.macOctets("00:16:3e:0a:b:ff")
        #expect(mac.map { [$0.0, $0.1, $0.2, $0.3, $0.4, $0.5] } == [0, 0x16, 0x3e, 0x0a, 0x0b, 0xff])
        for bad in [
            "", "00:16:3e:00:00", "00:16:3e:00:00:01:02", "00:16:3e:00:00:100", "0g:16:3e:00:00:01", "00:16:3e::00:01",
        ] {
            #expect(DomainConfigMapper.macOctets(bad) == nil, "\(bad)")
        }
    }

    @Test func errorMessagesNameTheKeyAndTheLibxlCode() {
        #expect(
            LibxlError.invalidValue(key: "vif", value: "mac=zz", reason: "malformed").description
                == "invalid value 'mac=zz' for 'vif': malformed")
        #expect(
            XenError.libxl(operation: "libxl_domain_info", code: -21).description
                == "libxl_domain_info failed: no such domain")
        #expect(XenError.describe(libxlCode: -28) == "the device model reported an error")
        #expect(XenError.describe(libxlCode: -999).contains("-999"))
        #expect(LibxlError.nothingToBoot(type: "PV").description.contains("'kernel' or a 'bootloader'"))
    }
}
