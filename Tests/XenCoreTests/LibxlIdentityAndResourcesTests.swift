import ConfigParser
import Testing
import XenCore

@Suite("DomainConfig → libxl: identity, memory, vCPUs, actions")
struct LibxlIdentityAndResourcesTests {
    @Test func pvGuestCarriesTypeNameAndXlsExplicitDefaults() throws {
        let j = try LibxlJSONProbe(Sample.pv("ovm-pv"))
        #expect(j.string("c_info.type") == "pv")
        #expect(j.string("c_info.name") == "ovm-pv")
        #expect(j.string("c_info.run_hotplug_scripts") == "True")
        #expect(j.string("b_info.claim_mode") == "True")
        #expect(j["b_info.type.pv"] != nil)
        #expect(j["c_info.uuid"] == nil, "no uuid asked for, none generated")
    }

    @Test func memoryIsConvertedFromMiBToKiB() throws {
        var c = Sample.pv()
        c.memory = 512
        c.maxmem = 1024
        let j = try LibxlJSONProbe(c)
        #expect(j.int("b_info.target_memkb") == 512 * 1024)
        #expect(j.int("b_info.max_memkb") == 1024 * 1024)
    }

    @Test func maxmemDefaultsToMemoryAsInXl() throws {
        var c = Sample.pv()
        c.memory = 768
        let j = try LibxlJSONProbe(c)
        #expect(j.int("b_info.max_memkb") == 768 * 1024)
    }

    @Test func shadowMemoryAndVideoramAreKiB() throws {
        var c = Sample.hvm()
        c.shadowMemory = 8
        c.videoram = 16
        let j = try LibxlJSONProbe(c)
        #expect(j.int("b_info.shadow_memkb") == 8 * 1024)
        #expect(j.int("b_info.video_memkb") == 16 * 1024)
    }

    @Test func vcpusBecomeAnAvailabilityBitmapAndMaximum() throws {
        var c = Sample.pv()
        c.vcpus = 3
        let j = try LibxlJSONProbe(c)
        #expect(j.ints("b_info.avail_vcpus") == [0, 1, 2])
        #expect(j.int("b_info.max_vcpus") == 3)
    }

    @Test func maxvcpusAboveVcpusKeepsOnlyVcpusOnline() throws {
        var c = Sample.pv()
        c.vcpus = 2
        c.maxvcpus = 8
        let j = try LibxlJSONProbe(c)
        #expect(j.ints("b_info.avail_vcpus") == [0, 1])
        #expect(j.int("b_info.max_vcpus") == 8)
    }

    @Test func maxvcpusBelowVcpusIsRefused() {
        var c = Sample.pv()
        c.vcpus = 4
        c.maxvcpus = 2
        #expect(throws: LibxlError.maxvcpusBelowVcpus(maxvcpus: 2, vcpus: 4)) { try LibxlJSON.render(c) }
    }

    @Test func negativeMemoryIsRefusedNotWrapped() {
        var c = Sample.pv()
        c.memory = -1
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }

    @Test func uuidIsParsedOrGenerated() throws {
        var c = Sample.pv()
        c.uuid = "5f3a1d52-9d2e-4a8b-8c1f-0123456789ab"
        #expect(try LibxlJSONProbe(c).string("c_info.uuid") == "5f3a1d52-9d2e-4a8b-8c1f-0123456789ab")

        let generated = try LibxlJSONProbe(Sample.pv(), options: .init(generateUUID: true)).string("c_info.uuid")
        #expect(generated?.count == 36)
        #expect(generated != "00000000-0000-0000-0000-000000000000")
    }

    @Test func extraXenstoreEntriesBecomeXsdata() throws {
        var c = Sample.pv()
        c.extraXenstore = ["vm-data/role": "db", "vm-data/site": "fra1"]
        let j = try LibxlJSONProbe(c)
        let xsdata = j["c_info.xsdata"] as? [String: Any]
        #expect(xsdata?["vm-data/role"] as? String == "db")
        #expect(xsdata?["vm-data/site"] as? String == "fra1")
    }

    @Test func malformedUUIDIsAnError() {
        var c = Sample.pv()
        c.uuid = "not-a-uuid"
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }

    @Test func poolSeclabelHapAndScheduler() throws {
        var c = Sample.pv()
        c.pool = "Pool-1"
        c.seclabel = "system_u:system_r:domU_t"
        c.hap = false
        c.cpuWeight = 512
        c.cpuCap = 50
        let j = try LibxlJSONProbe(c)
        #expect(j.string("c_info.pool_name") == "Pool-1")
        #expect(j.string("c_info.ssid_label") == "system_u:system_r:domU_t")
        #expect(j.string("c_info.hap") == "False")
        #expect(j.int("b_info.sched_params.weight") == 512)
        #expect(j.int("b_info.sched_params.cap") == 50)
    }

    @Test func actionsDefaultToXlsAndNameEveryAction() throws {
        let defaults = try LibxlJSONProbe(Sample.pv())
        // destroy is libxl's initial value and so is not printed.
        #expect(defaults["on_poweroff"] == nil)
        #expect(defaults.string("on_reboot") == "restart")
        #expect(defaults["on_crash"] == nil)
        #expect(defaults.string("on_soft_reset") == "soft_reset")

        let expected: [DomainConfig.Action: String] = [
            .restart: "restart", .renameRestart: "restart_rename", .preserve: "preserve",
            .coredumpDestroy: "coredump_destroy", .coredumpRestart: "coredump_restart",
            .softReset: "soft_reset",
        ]
        for (action, name) in expected {
            var c = Sample.pv()
            c.onPoweroff = action
            c.onCrash = action
            c.onWatchdog = action
            let j = try LibxlJSONProbe(c)
            #expect(j.string("on_poweroff") == name)
            #expect(j.string("on_crash") == name)
            #expect(j.string("on_watchdog") == name)
        }
        var c = Sample.pv()
        c.onReboot = .destroy
        #expect(try LibxlJSONProbe(c)["on_reboot"] == nil)
    }
}
