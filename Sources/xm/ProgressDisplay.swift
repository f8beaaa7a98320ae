import ConfigParser
import Glibc
import XenCore

/// Shows libxc's progress while a domain is saved, restored or migrated, on stderr. On a
/// terminal, one line redrawn in place: the task, the phase and a bar. Elsewhere (a log, a pipe),
/// a plain line per phase, since a redrawn line would fill a log with carriage returns.
package final class ProgressDisplay {
    private let task: String
    private let terminal: Bool
    private var phase = ""
    private var lastPercent = -1
    private var drawn = false
    private let output: (String) -> Void

    /// `output` receives text already escaped, with only the display's own control sequences.
    package init(
        task: String, terminal: Bool = isatty(2) == 1, output: @escaping (String) -> Void = ProgressDisplay.stderr
    ) {
        self.task = task
        self.terminal = terminal
        self.output = output
    }

    package func show(_ report: SaveProgress) {
        if terminal {
            guard report.phase != phase || report.percent != lastPercent else { return }
            phase = report.phase
            lastPercent = report.percent
            let filled = max(0, min(20, report.percent / 5))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
            let percent = report.total > 0 ? " [\(bar)] \(report.percent)%" : ""
            writeStderr("\r\u{1B}[K" + DisplayText.escaped("\(task): \(report.phase)\(percent)"))
            drawn = true
        } else if report.phase != phase {
            phase = report.phase
            writeStderr(DisplayText.escaped("\(task): \(report.phase)") + "\n")
        }
    }

    /// Ends the redrawn line, so what follows starts on a line of its own.
    package func finish() {
        if drawn { writeStderr("\n") }
        drawn = false
    }

    private func writeStderr(_ text: String) { output(text) }

    static func stderr(_ text: String) {
        Array(text.utf8).withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}
