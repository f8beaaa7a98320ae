import ArgumentParser
import Glibc
import XenCore

/// `xm top`: xm ran xentop; we print xentop's batch output (`-b`) ourselves, from libxl's domain
/// information and the backends' counters. The interactive screen is xentop's own.
struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top", abstract: "Monitor domains' resource use (batch mode, like xentop -b).")

    @Flag(name: [.customShort("b"), .long], help: "Batch mode: print plain lines (the only mode xm top has).")
    var batch = false

    @Option(name: [.customShort("i"), .long], help: "Number of samples to print.")
    var iterations: Int = 1

    @Option(name: [.customShort("d"), .long], help: "Seconds between samples.")
    var delay: Double = 3

    func validate() throws {
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1") }
        guard delay > 0 else { throw ValidationError("--delay must be positive") }
    }

    func run() throws {
        let xen = try Session.hypervisor()
        let hostKiB = try xen.hostInfo().totalMemoryKiB
        var previous: (time: Double, cpu: [UInt32: UInt64])?
        for n in 0..<iterations {
            if n > 0 { WallClock.sleep(seconds: delay) }
            let now = WallClock.now()
            let domains = try xen.listDomains()
            print(TopFormat.header)
            for d in domains {
                var percent = 0.0
                if let previous, let before = previous.cpu[d.id] {
                    percent = TopFormat.cpuPercent(
                        previousNs: before, currentNs: d.cpuTimeNanoseconds,
                        elapsedSeconds: now - previous.time)
                }
                print(
                    TopFormat.row(d, io: DomainIOStats.read(domid: d.id), cpuPercent: percent, hostMemoryKiB: hostKiB))
            }
            fflush(nil)  // each sample reaches a pipe as soon as it is printed
            previous = (now, Dictionary(uniqueKeysWithValues: domains.map { ($0.id, $0.cpuTimeNanoseconds) }))
        }
    }
}
