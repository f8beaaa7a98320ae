import ConfigParser
import Testing

@Suite struct DomainResourceTests {
    @Test func memoryAsIntOrNumericString() {
        #expect(buildDomain(minimalPV + "memory = 512\n").0.memory == 512)
        let (c, d, _) = buildDomain(minimalPV + "memory = '2048'\nmaxmem = '4096'\n")
        #expect(c.memory == 2048)
        #expect(c.maxmem == 4096)
        #expect(!d.hasErrors)
        #expect(d.warnings.isEmpty, "\(d.items)")
    }

    @Test func memoryFromTheCommandLine() {
        let (c, d, _) = buildDomain(minimalPV, variables: [("memory", "768")])
        #expect(c.memory == 768)
        #expect(!d.hasErrors)
    }

    @Test func leadingZeroStringWarnsAboutOctal() {
        let (c, d, _) = buildDomain(minimalPV + "memory = '0512'\n")
        #expect(c.memory == 512)
        #expect(d.warnings(containing: "octal").count == 1)
    }

    @Test func memoryBelowOneMiBIsAnError() {
        let (c, d, _) = buildDomain(minimalPV + "memory = 0\n")
        let e = d.errors(containing: "'memory' must be at least 1")
        #expect(e.count == 1)
        #expect(e.first?.at == "3:10")
        #expect(c.memory == nil)
        #expect(buildDomain(minimalPV + "memory = -5\n").1.errors(containing: "at least 1").count == 1)
    }

    @Test func wrongTypeSaysExpectedAndFound() {
        let (_, d, _) = buildDomain(minimalPV + "memory = [512]\n")
        let e = d.errors(containing: "expected int, found list")
        #expect(e.count == 1)
        #expect(e.first?.at == "3:10")
        #expect(
            buildDomain(minimalPV + "memory = 'lots'\n").1.errors(containing: "expected int, found string 'lots'").count
                == 1)
    }

    @Test func integralFloatIsReadWithAWarning() {
        let (c, d, _) = buildDomain(minimalPV + "memory = 512.0\n")
        #expect(c.memory == 512)
        #expect(!d.hasErrors)
        #expect(d.warnings(containing: "fraction").count == 1)
        #expect(
            buildDomain(minimalPV + "memory = 512.5\n").1.errors(containing: "expected int, found float").count == 1)
    }

    @Test func maxmemBelowMemoryIsAnErrorAtMaxmem() {
        let (_, d, _) = buildDomain(minimalPV + "memory = 1024\nmaxmem = 512\n")
        let e = d.errors(containing: "maxmem (512 MiB) is below memory (1024 MiB)")
        #expect(e.count == 1)
        #expect(e.first?.at == "4:10")
        #expect(!buildDomain(minimalPV + "memory = 1024\nmaxmem = 1024\n").1.hasErrors)
    }

    @Test func vcpusAboveMaxvcpusIsAnErrorAtVcpus() {
        let (_, d, _) = buildDomain(minimalPV + "vcpus = 4\nmaxvcpus = 2\n")
        let e = d.errors(containing: "vcpus (4) is above maxvcpus (2)")
        #expect(e.count == 1)
        #expect(e.first?.at == "3:9")
        let (c, ok, _) = buildDomain(minimalPV + "vcpus = '2'\nmaxvcpus = 4\n")
        #expect(c.vcpus == 2)
        #expect(c.maxvcpus == 4)
        #expect(!ok.hasErrors)
    }

    @Test func zeroVcpusIsAnError() {
        #expect(buildDomain(minimalPV + "vcpus = 0\n").1.errors(containing: "'vcpus' must be at least 1").count == 1)
    }

    @Test func xmCPUString() {
        let (c, d, _) = buildDomain(minimalPV + "cpus = '0-3,^1'\n")
        #expect(c.cpus == CPUSet(cpus: [0, 2, 3]))
        #expect(c.cpusPerVcpu == nil)
        #expect(!d.hasErrors)
        // Order matters, as in xm: a CPU removed and then added again stays.
        #expect(buildDomain(minimalPV + "cpus = '0-3,^1,1'\n").0.cpus == CPUSet(cpus: [0, 1, 2, 3]))
        #expect(buildDomain(minimalPV + "cpus = 'all'\n").0.cpus == .any)
        #expect(buildDomain(minimalPV + "cpus = 2\n").0.cpus == CPUSet(cpus: [2]))
    }

    @Test(arguments: ["0-", "3-1", "x", "^all", "node:1", "1,,a"])
    func badCPUStringIsAnError(_ cpus: String) {
        let (_, d, _) = buildDomain(minimalPV + "cpus = '\(cpus)'\n")
        #expect(d.errors(containing: "'cpus'").first?.at == "3:8", "\(d.items)")
    }

    @Test func xlListOfStringsIsPerVcpu() {
        let (c, d, _) = buildDomain(minimalPV + "vcpus = 2\ncpus = ['2', '3-4']\n")
        #expect(c.cpusPerVcpu == [CPUSet(cpus: [2]), CPUSet(cpus: [3, 4])])
        #expect(c.cpus == nil)
        #expect(!d.hasErrors)
        #expect(d.warnings.isEmpty, "\(d.items)")
    }

    @Test func listOfIntsIsPerVcpuWithAWarning() {
        let (c, d, _) = buildDomain(minimalPV + "vcpus = 2\ncpus = [0, 1]\n")
        #expect(c.cpusPerVcpu == [CPUSet(cpus: [0]), CPUSet(cpus: [1])])
        #expect(d.warnings(containing: "one entry per vCPU").count == 1)
    }

    @Test func badListElementIsAnErrorAtTheElement() {
        let (_, d, _) = buildDomain(minimalPV + "cpus = ['1', 'x']\n")
        #expect(d.errors(containing: "'cpus'").first?.at == "3:14")
    }

    @Test func extraPerVcpuEntriesAreDroppedWithAWarning() {
        let (c, d, _) = buildDomain(minimalPV + "vcpus = 1\ncpus = ['1', '2', '3']\n")
        #expect(c.cpusPerVcpu?.count == 1)
        #expect(d.warnings(containing: "extra entries").first?.at == "4:14")
    }

    @Test func xmCpuJoinsCpus() {
        let (c, d, _) = buildDomain(minimalPV + "cpu = 5\ncpus = '1-2'\n")
        #expect(c.cpus == CPUSet(cpus: [1, 2, 5]))
        #expect(d.warnings(containing: "'cpu'").count == 1)
    }

    @Test func cpuCapAndCap() {
        let (c, d, _) = buildDomain(minimalPV + "cpu_cap = 50\ncpu_weight = 512\n")
        #expect(c.cpuCap == 50)
        #expect(c.cpuWeight == 512)
        #expect(d.warnings(containing: "'cap', not 'cpu_cap'").count == 1)
        let (c2, d2, _) = buildDomain(minimalPV + "cap = 20\n")
        #expect(c2.cpuCap == 20)
        #expect(d2.warnings.isEmpty)
        let (c3, d3, _) = buildDomain(minimalPV + "cap = 20\ncpu_cap = 30\n")
        #expect(c3.cpuCap == 20)
        #expect(d3.warnings(containing: "wins").count == 1)
    }

    @Test func cpuWeightOutOfRange() {
        #expect(buildDomain(minimalPV + "cpu_weight = 0\n").1.errors(containing: "cpu_weight").count == 1)
        #expect(buildDomain(minimalPV + "cpu_weight = 70000\n").1.errors(containing: "cpu_weight").count == 1)
    }

    @Test func shadowMemoryAndVideoram() {
        let (c, d, _) = buildDomain("name='h'\ntype='hvm'\nshadow_memory = 8\nvideoram = '16'\n")
        #expect(c.shadowMemory == 8)
        #expect(c.videoram == 16)
        #expect(!d.hasErrors)
    }
}

@Suite struct FollowOnErrorTests {
    @Test func aValueTheParserRejectedIsNotCheckedAgain() {
        let (_, d, _) = buildDomain(minimalPV + "memory = 2048M\n")
        #expect(d.errors.count == 1, "\(d.errors)")
        #expect(d.errors(containing: "'memory'").isEmpty)
    }
}
