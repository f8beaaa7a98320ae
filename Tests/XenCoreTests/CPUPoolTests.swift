import Testing
import XenCore

@Suite("xm cpupool-create config")
struct CPUPoolTests {
    private func load(_ text: String, _ vars: [(name: String, value: String)] = []) -> LoadedCPUPoolConfig {
        ConfigLoader.loadCPUPool(text: text, path: "pool.cfg", variables: vars)
    }

    @Test func xmDefaultsAndTheThreeCPUForms() throws {
        #expect(load("name = 'p'\n").config == CPUPoolConfig(name: "p", scheduler: "credit", cpus: .count(1)))
        #expect(load("name = 'p'\nsched = 'credit2'\ncpus = 2\n").config?.cpus == .count(2))
        #expect(load("name = 'p'\ncpus = '1,3-4,^3'\n").config?.cpus == .list([1, 4]))
        #expect(load("name = 'p'\ncpus = [3, '1', 3]\n").config?.cpus == .list([1, 3]))
        // xm's vars: the file may compute its values from name=value words
        let computed = load("name = 'pool-' + site\ncpus = n\n", [("site", "lab"), ("n", "3")])
        #expect(computed.config == CPUPoolConfig(name: "pool-lab", scheduler: "credit", cpus: .count(3)))
    }

    @Test func errorsPointIntoTheFile() {
        let noName = load("sched = 'credit'\n")
        #expect(noName.config == nil && noName.diagnostics.hasErrors)
        let badCPUs = load("name = 'p'\ncpus = 'x-1'\n")
        #expect(badCPUs.config == nil)
        #expect(badCPUs.diagnostics.errors.first?.range.start.line == 2)
        #expect(badCPUs.diagnostics.errors.first?.range.start.column == 8)
        #expect(load("name = 'p'\ncpus = 0\n").diagnostics.hasErrors)
        #expect(load("name = 'p'\ncpus = 1.5\n").diagnostics.hasErrors)
        #expect(load("name = 3\n").diagnostics.hasErrors)
        let typo = load("name = 'p'\nshed = 'credit2'\n")
        #expect(typo.config != nil)
        #expect(typo.diagnostics.warnings.first?.message.contains("shed") == true)
    }

    @Test func aCountTakesTheLowestFreeCPUs() throws {
        let pool = CPUPoolConfig(name: "p", scheduler: "credit", cpus: .count(2))
        #expect(try pool.choose(from: [5, 2, 3]) == [2, 3])
        #expect(throws: XenError.self) { try pool.choose(from: [7]) }
        #expect(try CPUPoolConfig(name: "p", scheduler: "credit", cpus: .list([9])).choose(from: []) == [9])
    }
}
