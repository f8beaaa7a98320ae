import ConfigParser
import Testing
import XenCore

@Suite("DomainConfig → libxl: CPU affinity")
struct LibxlAffinityTests {
    @Test func oneSetPinsEveryVcpu() throws {
        var c = Sample.pv()
        c.vcpus = 2
        c.cpus = CPUSet(cpus: [3, 1, 2])
        let j = try LibxlJSONProbe(c)
        #expect(j.count("b_info.vcpu_hard_affinity") == 2)
        #expect(j.ints("b_info.vcpu_hard_affinity.0") == [1, 2, 3])
        #expect(j.ints("b_info.vcpu_hard_affinity.1") == [1, 2, 3])
        #expect(j["b_info.numa_placement"] == nil, "the string form leaves NUMA placement alone")
    }

    @Test func perVcpuSetsTurnNumaPlacementOff() throws {
        var c = Sample.pv()
        c.vcpus = 2
        c.cpusPerVcpu = [CPUSet(cpus: [0]), CPUSet(cpus: [5]), CPUSet(cpus: [7])]
        let j = try LibxlJSONProbe(c)
        #expect(j.count("b_info.vcpu_hard_affinity") == 2, "sets beyond max_vcpus are ignored")
        #expect(j.ints("b_info.vcpu_hard_affinity.0") == [0])
        #expect(j.ints("b_info.vcpu_hard_affinity.1") == [5])
        #expect(j.string("b_info.numa_placement") == "False")
    }

    @Test func allWithoutHostKnowledgeMeansNoAffinity() throws {
        var c = Sample.pv()
        c.vcpus = 2
        c.cpus = .any
        #expect(try LibxlJSONProbe(c)["b_info.vcpu_hard_affinity"] == nil)
    }

    @Test func allWithAKnownHostListsEveryCPU() throws {
        var c = Sample.pv()
        c.vcpus = 1
        c.cpus = .any
        let j = try LibxlJSONProbe(c, options: .init(generateUUID: false, hostCPUCount: 4))
        // The bitmap is whole bytes wide, as libxl's own; every bit of it is set.
        #expect(j.ints("b_info.vcpu_hard_affinity.0")?.prefix(4) == [0, 1, 2, 3])
    }

    @Test func cpusWithoutVcpusPinsNothingAsInXl() throws {
        var c = Sample.pv()
        c.cpus = CPUSet(cpus: [0, 1])
        #expect(try LibxlJSONProbe(c)["b_info.vcpu_hard_affinity"] == nil)
    }
}
