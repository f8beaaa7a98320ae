import ConfigParser
import Testing

@Suite struct DomainIdentityTests {
    @Test func nameIsRead() {
        let (c, d, _) = buildDomain(minimalPV)
        #expect(c.name == "vm1")
        #expect(!d.hasErrors)
        #expect(d.warnings.isEmpty, "\(d.items)")
    }

    @Test func missingNameUsesTheFileNameAsXmDid() {
        let (c, d, _) = buildDomain("kernel = '/boot/vmlinuz'\n", path: "/etc/xen/web01")
        #expect(c.name == "web01")
        #expect(!d.hasErrors)
        let w = d.warnings(containing: "no 'name'")
        #expect(w.count == 1)
        #expect(w.first?.at == "1:1")
        // xm's os.path.basename keeps the extension.
        #expect(buildDomain("kernel = '/k'\n", path: "/OVS/running_pool/vm1/vm.cfg").0.name == "vm.cfg")
    }

    @Test func invalidNameCharactersAreAnErrorAtTheValue() {
        let (_, d, _) = buildDomain("name = 'my vm'\nkernel = '/k'\n")
        let e = d.errors(containing: "invalid domain name")
        #expect(e.count == 1)
        #expect(e.first?.at == "1:8")
        #expect(!buildDomain("name = 'a-b_c.d:e+f'\nkernel = '/k'\n").1.hasErrors)
    }

    @Test func allDigitNameWarns() {
        let (_, d, _) = buildDomain("name = '1234'\nkernel = '/k'\n")
        #expect(!d.hasErrors)
        #expect(d.warnings(containing: "all digits").count == 1)
    }

    @Test func uuidIsCanonicalised() {
        let (c, d, _) = buildDomain(minimalPV + "uuid = '0004FB00-0006-0000-1C7E-3C8E02C0C4B1'\n")
        #expect(c.uuid == "0004fb00-0006-0000-1c7e-3c8e02c0c4b1")
        #expect(!d.hasErrors)
    }

    @Test func uuidWithoutDashesWarns() {
        let (c, d, _) = buildDomain(minimalPV + "uuid = '0004fb0000060000c6ebf284a7854eed'\n")
        #expect(c.uuid == "0004fb00-0006-0000-c6eb-f284a7854eed")
        #expect(d.warnings(containing: "without dashes").count == 1)
    }

    @Test(arguments: ["a1a301dd-46e9-440a-9012-34d8fb5ee09", "not-a-uuid", "a1a301dd46e9440a901234d8fb5ee09z", ""])
    func malformedUUIDIsAnError(_ uuid: String) {
        let (c, d, _) = buildDomain(minimalPV + "uuid = '\(uuid)'\n")
        let e = d.errors(containing: "malformed uuid")
        #expect(e.count == 1)
        #expect(e.first?.at == "3:8")
        #expect(c.uuid == nil)
    }

    @Test func guestTypeFromTypeKey() {
        #expect(buildDomain(minimalPV + "type = 'pvh'\n").0.type == .pvh)
        #expect(buildDomain("name='h'\ntype = 'hvm'\n").0.type == .hvm)
        #expect(buildDomain(minimalPV).0.type == .pv)
    }

    @Test func unknownTypeListsTheValidOnes() {
        let (_, d, _) = buildDomain(minimalPV + "type = 'paravirt'\n")
        let e = d.errors(containing: "unknown guest type 'paravirt'")
        #expect(e.count == 1)
        #expect(e.first?.message.contains("pv, pvh, hvm") == true)
        #expect(e.first?.at == "3:8")
    }

    @Test func builderLinuxIsPVWithAWarning() {
        let (c, d, _) = buildDomain(minimalPV + "builder = 'linux'\n")
        #expect(c.type == .pv)
        #expect(!d.hasErrors)
        #expect(d.warnings(containing: "xl rejects it").count == 1)
    }

    @Test func builderHVMIsHVM() {
        let (c, d, _) = buildDomain("name = 'w'\nbuilder = 'hvm'\n")
        #expect(c.type == .hvm)
        #expect(!d.hasErrors)
    }

    @Test func unknownBuilderIsAnError() {
        let (_, d, _) = buildDomain(minimalPV + "builder = 'vmx'\n")
        #expect(d.errors(containing: "unknown builder 'vmx'").count == 1)
    }

    @Test func builderContradictingTypeIsAnError() {
        let (_, d, _) = buildDomain(minimalPV + "type = 'pv'\nbuilder = 'hvm'\n")
        #expect(d.errors(containing: "contradicts").first?.at == "4:11")
    }

    @Test func pvWithoutKernelOrBootloaderIsAnError() {
        let (_, d, _) = buildDomain("name = 'x'\nmemory = 256\n")
        #expect(d.errors(containing: "needs 'kernel' or 'bootloader'").count == 1)
        #expect(!buildDomain("name = 'x'\nbootloader = 'pygrub'\n").1.hasErrors)
        #expect(!buildDomain("name = 'x'\ntype = 'hvm'\n").1.hasErrors)
    }
}
