import ConfigParser
import Testing

@Suite struct VifSpecParserTests {
    func parse(_ s: String) -> (VifSpec?, DeviceSpecError?, [String]) {
        var w: [String] = []
        switch VifSpecParser.parse(s, warnings: &w) {
        case .success(let v): return (v, nil, w)
        case .failure(let e): return (nil, e, w)
        }
    }

    @Test func emptySpecIsADefaultNIC() {
        let (v, e, w) = parse("")
        #expect(v != nil && e == nil && w.isEmpty)
        #expect(v?.mac == nil)
    }

    @Test(arguments: ["00:16:3e:01:02:03", "00:21:F6:00:CB:C8"])
    func validMAC(_ mac: String) {
        #expect(parse("mac=\(mac)").0?.mac == mac.lowercased())
    }

    @Test(arguments: [
        "00:16:3e:zz:01:02", "00:16:3e:4e:5c", "0:16:3e:01:02:03", "00-16-3e-01-02-03", "00:16:3e:01:02:03:04", "",
    ])
    func malformedMAC(_ mac: String) {
        #expect(parse("mac=\(mac)").1?.message.contains("malformed MAC") == true)
    }

    @Test func multicastMACWarns() {
        let (v, _, w) = parse("mac=01:16:3e:01:02:03")
        #expect(v != nil)
        #expect(w.contains { $0.contains("multicast") })
    }

    /// The low bit of the first octet, whatever the case of its hex digits.
    @Test(
        arguments: zip(
            [
                "01:00:5e:00:00:01", "0b:16:3e:01:02:03", "0B:16:3e:01:02:03", "0a:16:3e:01:02:03",
                "00:16:3e:01:02:03", "f", "",
            ],
            [true, true, true, false, false, true, false]))
    func multicastBit(_ mac: String, _ multicast: Bool) {
        #expect(MACAddress.isMulticast(mac) == multicast)
    }

    @Test func typesAndNetfront() {
        #expect(parse("type=ioemu").0?.type == "ioemu")
        let (v, _, w) = parse("type=netfront")
        #expect(v?.type == "vif")
        #expect(w.count == 1)
        #expect(parse("type=e1000").1 != nil)
    }

    @Test func xlKeys() {
        let v = parse("bridge=br0, mtu=1500,devid=3,trusted,netdev=eth1,forwarddev=eth2,colo_checkpoint_host=h").0
        #expect(v?.mtu == 1500)
        #expect(v?.devid == 3)
        #expect(v?.trusted == true)
        #expect(v?.gatewaydev == "eth1")
        #expect(v?.colo == ["forwarddev": "eth2", "colo_checkpoint_host": "h"])
        #expect(parse("untrusted").0?.trusted == false)
        #expect(parse("mtu=big").1 != nil)
    }

    @Test func xmOnlyKeysWarn() {
        let (v, _, w) = parse("accel=netfront_accel,policy=p,label=l")
        #expect(v?.accel == "netfront_accel")
        #expect(w.count == 3)
    }

    @Test func unknownKeyIsAnErrorWithSuggestion() {
        let e = parse("brige=xenbr0").1
        #expect(e?.message.contains("unknown vif option 'brige'") == true)
        #expect(e?.hint == "did you mean 'bridge'?")
        #expect(parse("xenbr0").1 != nil)
    }

    @Test func rate() throws {
        #expect(parse("rate=10Mb/s").0?.rate == "10Mb/s")
        #expect(parse("rate=10Mb").1 != nil)
        #expect(try VifRate.parse("10Mb/s").get() == VifRate(bytesPerInterval: 62_500, intervalMicroseconds: 50_000))
        #expect(
            try VifRate.parse("100MB/s@20ms").get()
                == VifRate(bytesPerInterval: 2_000_000, intervalMicroseconds: 20_000))
        #expect(try VifRate.parse("1KB/s@1s").get().bytesPerInterval == 1000)
        #expect((try? VifRate.parse("@20ms").get()) == nil)
        #expect((try? VifRate.parse("0Mb/s").get()) == nil)
        #expect((try? VifRate.parse("10Mb/s@20h").get()) == nil)
    }
}

@Suite struct VfbSpecParserTests {
    func parse(_ s: String) -> Result<VfbSpec, DeviceSpecError> {
        var w: [String] = []
        return VfbSpecParser.parse(s, warnings: &w)
    }

    @Test func allKeys() throws {
        let v = try parse(
            "vnc=1,sdl=1,opengl=0,vncunused=0,vnclisten=0.0.0.0,vncpasswd=,vncdisplay=5,keymap=en-us,display=:0,xauthority=/root/.Xauthority"
        ).get()
        #expect(v.vnc && v.sdl)
        #expect(v.opengl == false)
        #expect(v.vncunused == false)
        #expect(v.vnclisten == "0.0.0.0")
        #expect(v.vncpasswd == "")
        #expect(v.vncdisplay == 5)
        #expect(v.keymap == "en-us")
        #expect(v.display == ":0")
        #expect(v.xauthority == "/root/.Xauthority")
    }

    @Test func xmTypeAndQemuKeysWarn() throws {
        var w: [String] = []
        let v = try VfbSpecParser.parse("type=sdl,videoram=8", warnings: &w).get()
        #expect(v.sdl && !v.vnc)
        #expect(w.count == 2)
    }

    @Test func errors() {
        #expect((try? parse("type=rdp").get()) == nil)
        #expect((try? parse("vncdisplay=x").get()) == nil)
        #expect((try? parse("vnc=maybe").get()) == nil)
        guard case .failure(let e) = parse("vnclisen=0.0.0.0") else {
            Issue.record("accepted")
            return
        }
        #expect(e.hint == "did you mean 'vnclisten'?")
    }
}

@Suite struct PciSpecParserTests {
    @Test func bdfForms() throws {
        let a = try PciSpecParser.parse("0000:03:00.0").get()
        #expect([a.domain, a.bus, a.device, a.function] == [0, 3, 0, 0])
        let b = try PciSpecParser.parse("1:ff:1f.7@1f,msitranslate=1,power_mgmt=0,seize=1,rdm_policy=relaxed").get()
        #expect([b.domain, b.bus, b.device, b.function] == [1, 0xff, 0x1f, 7])
        #expect(b.vslot == 0x1f)
        #expect(b.msitranslate == true && b.powerMgmt == false && b.seize == true)
        #expect(b.rdmPolicy == "relaxed")
        #expect(try PciSpecParser.parse("02:00.*").get().allFunctions)
        let c = try PciSpecParser.parse("bdf=03:00.1,vslot=4").get()
        #expect(c.bus == 3 && c.function == 1 && c.vslot == 4)
        #expect(try PciSpecParser.parse("name=gpu0").get().name == "gpu0")
        let d = try PciSpecParser.parse("Ab:0A:1F.3").get()  // hex digits in either case
        #expect([d.domain, d.bus, d.device, d.function] == [0xab, 0x0a, 0x1f, 3])
    }

    @Test(arguments: [
        "0000:03:00", "03:00", "03:20.0", "03:00.8", "100:00.0", "10000:00:00.0", "03:00.0@20", "03:00.0x",
        "03:00.0,rdm_policy=loose", "03:00.0,foo=1", "", "03:00.0,name=x", "permissive=1",
        "00003:00.0", "03:00.1\u{301}", "03\u{301}:00.0", "\u{FF10}3:00.0",
    ])
    func malformed(_ spec: String) {
        #expect((try? PciSpecParser.parse(spec).get()) == nil, "\(spec) accepted")
    }
}

@Suite struct SmallSpecTests {
    @Test func vtpm() throws {
        var w: [String] = []
        let v = try VtpmSpecParser.parse("backend=vtpmmgr,uuid=A1A301DD-46E9-440A-9012-34D8FB5EE097", warnings: &w)
            .get()
        #expect(v.uuid == "a1a301dd-46e9-440a-9012-34d8fb5ee097")
        #expect(w.isEmpty)
        _ = try VtpmSpecParser.parse("instance=1", warnings: &w).get()
        #expect(w.count == 2)  // xm's instance, and no backend
        #expect((try? VtpmSpecParser.parse("uuid=nope,backend=x", warnings: &w).get()) == nil)
    }

    @Test func channel() throws {
        var w: [String] = []
        #expect(
            try ChannelSpecParser.parse("name=a,connection=socket,path=/run/a", warnings: &w).get()["path"] == "/run/a")
        #expect((try? ChannelSpecParser.parse("name=a,connection=socket", warnings: &w).get()) == nil)
        #expect((try? ChannelSpecParser.parse("name=a", warnings: &w).get()) == nil)
        #expect((try? ChannelSpecParser.parse("connection=tcp", warnings: &w).get()) == nil)
    }

    @Test func cpuList() throws {
        #expect(try CPUListSyntax.parse("0-3,^1").get() == CPUSet(cpus: [0, 2, 3]))
        #expect(try CPUListSyntax.parse(" 4 , 6-7 ").get() == CPUSet(cpus: [4, 6, 7]))
        #expect(try CPUListSyntax.parse("0-7,^2-3").get() == CPUSet(cpus: [0, 1, 4, 5, 6, 7]))
        #expect((try? CPUListSyntax.parse("all,1").get()) == nil)
    }

    /// The CPU list forms, their blanks (a "\r\n" is one Character and no blank) and errors.
    @Test func cpuListForms() {
        let cases: [(String, String)] = [
            ("0-3,^1", "[0, 2, 3]"), (" 4 , 6-7 ", "[4, 6, 7]"), ("1,,2,", "[1, 2]"), ("0-2,^0-5,4", "[4]"),
            ("all", "all"), ("all,1", "'all' cannot be combined"), ("^all", "'^all' is not allowed"),
            ("node:0", "NUMA node ranges"), ("3-1", "invalid CPU range '3-1'"), ("4096", "invalid CPU range"),
            ("1\r\n,2", "invalid CPU range '1\r\n'"), ("99999999999999999999", "invalid CPU range"),
        ]
        for (list, expected) in cases {
            let shown: String
            switch CPUListSyntax.parse(list) {
            case .success(let set): shown = set.all ? "all" : "\(set.cpus)"
            case .failure(let error): shown = error.message
            }
            #expect(shown.contains(expected), "\(list.debugDescription): \(shown)")
        }
    }

    @Test func uuidSyntax() {
        #expect(UUIDSyntax.canonical("0004fb00-0006-0000-1c7e-3c8e02c0c4b1") == "0004fb00-0006-0000-1c7e-3c8e02c0c4b1")
        #expect(UUIDSyntax.canonical("0004fb0000060000 1c7e3c8e02c0c4b") == nil)
        #expect(UUIDSyntax.canonical("0004fb00-0006-0000-1c7e3c8e-02c0c4b1") == nil)
        #expect(
            UUIDSyntax.canonical("0004FB0000060000 1C7E3C8E02C0C4B1".filter { $0 != " " })
                == "0004fb00-0006-0000-1c7e-3c8e02c0c4b1")
        #expect(UUIDSyntax.isDashedForm("0004fb00-0006-0000-1c7e-3c8e02c0c4b1"))
        #expect(!UUIDSyntax.isDashedForm("0004fb0000060000-1c7e3c8e02c0c4b1"))
        #expect(UUIDSyntax.isDashedForm("é-é-é-é-é"))  // counted in Characters when not ASCII
        #expect(!UUIDSyntax.isDashedForm("-\u{301}-é-é-é"))  // "-\u{301}" is one Character, not a dash
    }
}
