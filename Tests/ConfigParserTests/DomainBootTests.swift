import ConfigParser
import Testing

@Suite struct DomainBootTests {
    @Test func rootIsPrependedToExtraAsXmDid() {
        let (c, d, _) = buildDomain(minimalPV + "root = '/dev/xvda1 ro'\nextra = 'console=hvc0'\n")
        #expect(c.cmdline == "root=/dev/xvda1 ro console=hvc0")
        #expect(c.root == "/dev/xvda1 ro")
        #expect(c.extra == "console=hvc0")
        #expect(d.warnings.isEmpty, "\(d.items)")
    }

    @Test func rootAlone() {
        #expect(buildDomain(minimalPV + "root = '/dev/sda1'\n").0.cmdline == "root=/dev/sda1")
        #expect(buildDomain(minimalPV + "extra = 'quiet'\n").0.cmdline == "quiet")
        #expect(buildDomain(minimalPV).0.cmdline == nil)
    }

    @Test func cmdlineWinsWithWarningsForRootAndExtra() {
        let (c, d, _) = buildDomain(minimalPV + "cmdline = 'ro quiet'\nroot = '/dev/xvda'\nextra = 'x'\n")
        #expect(c.cmdline == "ro quiet")
        let w = d.warnings(containing: "in favour of 'cmdline'")
        #expect(w.map(\.at) == ["4:1", "5:1"])
    }

    @Test func rootWithRootPrefixIsStrippedAsXmDid() {
        let (c, d, _) = buildDomain(minimalPV + "root = 'root=/dev/sda1'\n")
        #expect(c.cmdline == "root=/dev/sda1")
        #expect(d.warnings(containing: "root=root=").count == 1)
    }

    @Test func extraWithRootKeepsXmsChoice() {
        let (c, d, _) = buildDomain(minimalPV + "root = '/dev/sda1'\nextra = 'root=/dev/sdb1 ro'\n")
        #expect(c.cmdline == "root=/dev/sdb1 ro")
        #expect(d.warnings(containing: "already holds root=").count == 1)
    }

    @Test func xmIPKeysAreComposed() {
        let (c, d, _) = buildDomain(
            minimalPV
                + "ip = '10.0.0.2'\ngateway = '10.0.0.1'\nnetmask = '255.0.0.0'\nhostname = 'vm1'\nroot = '/dev/nfs'\nnfs_server = '10.0.0.9'\nnfs_root = '/export/vm1'\n"
        )
        #expect(
            c.cmdline
                == "root=/dev/nfs ip=10.0.0.2:10.0.0.9:10.0.0.1:255.0.0.0:vm1:eth0:off nfsroot=10.0.0.9:/export/vm1")
        #expect(d.warnings(containing: "xl ignores 'ip'").count == 1)
        #expect(d.warnings(containing: "nfs_root").count == 1)
    }

    @Test func nfsRootWithoutServerIsAnError() {
        #expect(buildDomain(minimalPV + "nfs_root = '/export'\n").1.errors(containing: "needs 'nfs_server'").count == 1)
    }

    @Test func pygrubPathBecomesTheName() {
        let (c, d, _) = buildDomain("name = 'x'\nbootloader = '/usr/bin/pygrub'\n")
        #expect(c.bootloader == "pygrub")
        #expect(
            d.items.filter { $0.severity == .note && $0.message.contains("runs as libxl") }.first.map {
                "\($0.range.start)"
            } == "2:14")
        let (c2, d2, _) = buildDomain("name = 'x'\nbootloader = 'pygrub'\n")
        #expect(c2.bootloader == "pygrub")
        #expect(d2.warnings.isEmpty)
        #expect(buildDomain("name = 'x'\nbootloader = '/opt/bin/mygrub'\n").0.bootloader == "/opt/bin/mygrub")
    }

    @Test func bootloaderArguments() {
        #expect(
            buildDomain("name='x'\nbootloader='pygrub'\nbootloader_args = ['-q', '--entry=1']\n").0.bootloaderArgs == [
                "-q", "--entry=1",
            ])
        let (c, d, _) = buildDomain("name='x'\nbootloader='pygrub'\nbootloader_args = '-q  --entry=1'\n")
        #expect(c.bootloaderArgs == ["-q", "--entry=1"])
        #expect(d.warnings(containing: "deprecated").count == 1)
        let (c2, d2, _) = buildDomain("name='x'\nbootloader='pygrub'\nbootargs = '--entry=xvda1:/boot/vmlinuz'\n")
        #expect(c2.bootloaderArgs == ["--entry=xvda1:/boot/vmlinuz"])
        #expect(d2.warnings(containing: "'bootargs'").count == 1)
    }

    /// Python's split() on blanks, where "\r\n" is one Character and not a blank.
    @Test func wordsSplitAtBlanks() {
        let cases: [(String, [String])] = [
            ("", []), (" ", []), (" -q  --entry=1 ", ["-q", "--entry=1"]), ("a\tb\nc", ["a", "b", "c"]),
            ("a\r\nb c", ["a\r\nb", "c"]), ("x\n\r\n y", ["x", "\r\n", "y"]), ("é ü\r\nz", ["é", "ü\r\nz"]),
        ]
        for (text, words) in cases { #expect(DomainConfigBuilder.words(text) == words, "\(text.debugDescription)") }
    }

    @Test func hvmloaderKernelIsDroppedForHVM() {
        let (c, d, _) = buildDomain("name='w'\nbuilder='hvm'\nkernel = '/usr/lib/xen/boot/hvmloader'\n")
        #expect(c.kernel == nil)
        #expect(d.warnings(containing: "hvmloader").first?.at == "3:10")
    }

    @Test func bootOrder() {
        #expect(buildDomain("name='w'\ntype='hvm'\nboot = 'dc'\n").0.boot == "dc")
        let (_, d, _) = buildDomain("name='w'\ntype='hvm'\nboot = 'cz'\n")
        #expect(d.errors(containing: "invalid boot order").first?.at == "3:8")
    }

    @Test func actionsEveryValue() {
        for action in DomainConfig.Action.allCases {
            let (c, d, _) = buildDomain(
                minimalPV + "on_crash = '\(action.rawValue)'\non_watchdog = '\(action.rawValue)'\n")
            #expect(c.onCrash == action)
            #expect(c.onWatchdog == action)
            #expect(!d.hasErrors)
        }
        let (c, _, _) = buildDomain(
            minimalPV + "on_poweroff = 'destroy'\non_reboot = 'restart'\non_soft_reset = 'soft-reset'\n")
        #expect(c.onPoweroff == .destroy)
        #expect(c.onReboot == .restart)
        #expect(c.onSoftReset == .softReset)
    }

    @Test func invalidActionListsTheValidOnes() {
        let (_, d, _) = buildDomain(minimalPV + "on_crash = 'restrat'\n")
        let e = d.errors(containing: "unknown on_crash action 'restrat'")
        #expect(e.count == 1)
        #expect(e.first?.message.contains("coredump-restart") == true)
        #expect(e.first?.hint == "did you mean 'restart'?")
        #expect(e.first?.at == "3:12")
    }

    @Test func xmRestartMapsToActions() {
        let (c, d, _) = buildDomain(minimalPV + "restart = 'always'\non_crash = 'preserve'\n")
        #expect(c.onPoweroff == .restart)
        #expect(c.onReboot == .restart)
        #expect(c.onCrash == .preserve)
        #expect(d.warnings(containing: "'restart'").count == 1)
        #expect(buildDomain(minimalPV + "restart = 'sometimes'\n").1.errors(containing: "restart policy").count == 1)
    }
}
