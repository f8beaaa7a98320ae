import Testing
import XenCore
import xm

@Suite struct ProgressDisplayTests {
    final class Output {
        var text = ""
    }

    func reports() -> [SaveProgress] {
        [
            SaveProgress(phase: "Start of stream", percent: 0, done: 0, total: 0),
            SaveProgress(phase: "Frames iteration 1", percent: 0, done: 0, total: 1000),
            SaveProgress(phase: "Frames iteration 1", percent: 50, done: 500, total: 1000),
            SaveProgress(phase: "Frames iteration 1", percent: 50, done: 501, total: 1000),
            SaveProgress(phase: "Domain now suspended", percent: 0, done: 0, total: 0),
        ]
    }

    @Test func withoutATerminalEachPhaseIsOnePlainLine() {
        let out = Output()
        let display = ProgressDisplay(task: "Saving vm1", terminal: false) { out.text += $0 }
        for report in reports() { display.show(report) }
        display.finish()
        #expect(
            out.text
                == "Saving vm1: Start of stream\nSaving vm1: Frames iteration 1\nSaving vm1: Domain now suspended\n")
    }

    @Test func onATerminalOneLineIsRedrawnWithABarAndEndedOnce() {
        let out = Output()
        let display = ProgressDisplay(task: "Saving vm1", terminal: true) { out.text += $0 }
        for report in reports() { display.show(report) }
        display.finish()
        let draws = out.text.split(separator: "\r", omittingEmptySubsequences: true)
        #expect(draws.count == 4)  // the repeated 50% is not drawn again
        #expect(draws[2] == "\u{1B}[KSaving vm1: Frames iteration 1 [##########..........] 50%")
        #expect(out.text.hasSuffix("Domain now suspended\n"))
    }

    @Test func aDomainNameCannotDriveTheTerminal() {
        let out = Output()
        let display = ProgressDisplay(task: "Saving evil\u{1B}]0;x\u{07}", terminal: true) { out.text += $0 }
        display.show(SaveProgress(phase: "Start of stream", percent: 0, done: 0, total: 0))
        #expect(out.text.filter { $0 == "\u{1B}" }.count == 1)  // only the display's own erase-line
    }
}
