import Testing
import XenCore

@Suite("MAC octets")
struct MACOctetsTests {
    @Test func macOctets() {
        let mac = DomainConfigMapper.macOctets("00:16:3e:0a:b:ff")
        #expect(mac.map { [$0.0, $0.1, $0.2, $0.3, $0.4, $0.5] } == [0, 0x16, 0x3e, 0x0a, 0x0b, 0xff])
        for bad in [
            "", "00:16:3e:00:00", "00:16:3e:00:00:01:02", "00:16:3e:00:00:100", "0g:16:3e:00:00:01", "00:16:3e::00:01",
        ] {
            #expect(DomainConfigMapper.macOctets(bad) == nil, "\(bad)")
        }
    }
}
