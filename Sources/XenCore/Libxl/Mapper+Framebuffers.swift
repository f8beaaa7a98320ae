import CXen
import ConfigParser

extension DomainConfigMapper {
    /// `vfb = [...]`: each framebuffer comes with a virtual keyboard, both numbered by position,
    /// as xl pairs them.
    mutating func fillFramebuffers() throws(LibxlError) {
        guard !config.vfbs.isEmpty else { return }
        try allocateFramebuffers(count: config.vfbs.count)
        for (i, spec) in config.vfbs.enumerated() {
            let v = target.pointee.vfbs + i
            // libxl turns VNC on for a framebuffer that does not say; an SDL-only spec (xm's
            // `type=sdl`) therefore says "off" explicitly.
            if spec.vnc {
                libxl_defbool_set(&v.pointee.vnc.enable, true)
            } else if spec.sdl {
                libxl_defbool_set(&v.pointee.vnc.enable, false)
            }
            try CMemory.replace(&v.pointee.vnc.listen, withOptional: spec.vnclisten, key: "vfb")
            try CMemory.replace(&v.pointee.vnc.passwd, withOptional: spec.vncpasswd, key: "vfb")
            if let display = spec.vncdisplay { v.pointee.vnc.display = try int32(display, key: "vfb") }
            if let unused = spec.vncunused { libxl_defbool_set(&v.pointee.vnc.findunused, unused) }
            try CMemory.replace(&v.pointee.keymap, withOptional: spec.keymap, key: "vfb")
            if spec.sdl { libxl_defbool_set(&v.pointee.sdl.enable, true) }
            if let opengl = spec.opengl { libxl_defbool_set(&v.pointee.sdl.opengl, opengl) }
            try CMemory.replace(&v.pointee.sdl.display, withOptional: spec.display, key: "vfb")
            try CMemory.replace(&v.pointee.sdl.xauthority, withOptional: spec.xauthority, key: "vfb")
        }
    }

    /// Top-level `vnc`/`sdl`/`keymap`. An HVM guest shows them through its device model (u.hvm);
    /// a PV guest without a `vfb` list gets one framebuffer (and keyboard) when `vnc` is on, as in
    /// xl. For PV guests with a vfb list and for PVH guests xl writes them into the unused HVM
    /// union member, where they mean nothing and never reach the JSON: they are skipped here.
    mutating func fillTopLevelDisplay() throws(LibxlError) {
        switch config.type {
        case .hvm:
            let b = bInfo
            try Self.apply(vnc: config.vnc, to: &b.pointee.u.hvm.vnc)
            try Self.apply(sdl: config.sdl, to: &b.pointee.u.hvm.sdl)
        case .pv:
            guard config.vfbs.isEmpty, config.vnc?.enabled == true else { return }
            try allocateFramebuffers(count: 1)
            let v = target.pointee.vfbs!
            try Self.apply(vnc: config.vnc, to: &v.pointee.vnc)
            try Self.apply(sdl: config.sdl, to: &v.pointee.sdl)
            try CMemory.replace(&v.pointee.keymap, withOptional: config.keymap, key: "keymap")
        case .pvh:
            return
        }
    }

    private mutating func allocateFramebuffers(count: Int) throws(LibxlError) {
        let vfbs = try CMemory.array(of: libxl_device_vfb.self, count: count) { libxl_device_vfb_init($0) }
        target.pointee.vfbs = vfbs
        target.pointee.num_vfbs = Int32(count)
        let vkbs = try CMemory.array(of: libxl_device_vkb.self, count: count) { libxl_device_vkb_init($0) }
        target.pointee.vkbs = vkbs
        target.pointee.num_vkbs = Int32(count)
        for i in 0..<count {
            vfbs[i].devid = Int32(i)
            vkbs[i].devid = Int32(i)
        }
    }

    static func apply(vnc: VncSettings?, to info: inout libxl_vnc_info) throws(LibxlError) {
        guard let vnc else { return }
        libxl_defbool_set(&info.enable, vnc.enabled)
        try CMemory.replace(&info.listen, withOptional: vnc.listen, key: "vnclisten")
        try CMemory.replace(&info.passwd, withOptional: vnc.password, key: "vncpasswd")
        if let display = vnc.display {
            guard let d = Int32(exactly: display) else {
                throw .invalidValue(key: "vncdisplay", value: String(display), reason: "out of range")
            }
            info.display = d
        }
        if let unused = vnc.findUnused { libxl_defbool_set(&info.findunused, unused) }
    }

    static func apply(sdl: SdlSettings?, to info: inout libxl_sdl_info) throws(LibxlError) {
        guard let sdl else { return }
        libxl_defbool_set(&info.enable, sdl.enabled)
        if let opengl = sdl.opengl { libxl_defbool_set(&info.opengl, opengl) }
        try CMemory.replace(&info.display, withOptional: sdl.display, key: "display")
        try CMemory.replace(&info.xauthority, withOptional: sdl.xauthority, key: "xauthority")
    }
}
