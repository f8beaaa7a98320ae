import CXen
import ConfigParser

extension DomainConfigMapper {
    /// The device model: which one (`device_model_version`), an explicit binary
    /// (`device_model_override`; xm's `device_model` is ignored by xl and never reaches here) and
    /// extra arguments.
    mutating func fillDeviceModel() throws(LibxlError) {
        let b = bInfo
        try CMemory.replace(
            &b.pointee.device_model, withOptional: config.deviceModelOverride,
            key: "device_model_override")
        switch config.deviceModelVersion {
        case nil: break
        case "qemu-xen-traditional"?: b.pointee.device_model_version = LIBXL_DEVICE_MODEL_VERSION_QEMU_XEN_TRADITIONAL
        case "qemu-xen"?: b.pointee.device_model_version = LIBXL_DEVICE_MODEL_VERSION_QEMU_XEN
        case let other?:
            throw .invalidValue(
                key: "device_model_version", value: other,
                reason: "expected 'qemu-xen' or 'qemu-xen-traditional'")
        }
        if !config.deviceModelArgs.isEmpty {
            b.pointee.extra = try CMemory.stringList(config.deviceModelArgs, key: "device_model_args")
        }
    }

    /// The emulated devices of an HVM guest. `serial` and `usbdevice` may be a string or a list in
    /// a config file; libxl has a field for each form and xl fills the one the file used.
    mutating func fillHVMDevices() throws(LibxlError) {
        guard config.type == .hvm else { return }
        let b = bInfo
        if let vga = config.vga {
            switch vga {
            case "stdvga": b.pointee.u.hvm.vga.kind = LIBXL_VGA_INTERFACE_TYPE_STD
            case "cirrus": b.pointee.u.hvm.vga.kind = LIBXL_VGA_INTERFACE_TYPE_CIRRUS
            case "none": b.pointee.u.hvm.vga.kind = LIBXL_VGA_INTERFACE_TYPE_NONE
            case "qxl": b.pointee.u.hvm.vga.kind = LIBXL_VGA_INTERFACE_TYPE_QXL
            default:
                throw .invalidValue(key: "vga", value: vga, reason: "expected stdvga, cirrus, none or qxl")
            }
        } else if let stdvga = config.stdvga {
            b.pointee.u.hvm.vga.kind = stdvga ? LIBXL_VGA_INTERFACE_TYPE_STD : LIBXL_VGA_INTERFACE_TYPE_CIRRUS
        }
        try CMemory.replace(&b.pointee.u.hvm.keymap, withOptional: config.keymap, key: "keymap")
        if let nographic = config.nographic { libxl_defbool_set(&b.pointee.u.hvm.nographic, nographic) }
        if config.serialListForm || config.serial.count > 1 {
            b.pointee.u.hvm.serial_list = try CMemory.stringList(config.serial, key: "serial")
        } else if let serial = config.serial.first {
            try CMemory.replace(&b.pointee.u.hvm.serial, with: serial, key: "serial")
        }
        try CMemory.replace(&b.pointee.u.hvm.boot, withOptional: config.boot, key: "boot")
        if let usb = config.usb { libxl_defbool_set(&b.pointee.u.hvm.usb, usb) }
        if config.usbdevicesListForm || config.usbdevices.count > 1 {
            b.pointee.u.hvm.usbdevice_list = try CMemory.stringList(config.usbdevices, key: "usbdevice")
        } else if let device = config.usbdevices.first {
            try CMemory.replace(&b.pointee.u.hvm.usbdevice, with: device, key: "usbdevice")
        }
        if let bios = config.bios {
            guard libxl_bios_type_from_string(bios, &b.pointee.u.hvm.bios) == 0 else {
                throw .invalidValue(key: "bios", value: bios, reason: "expected seabios, rombios or ovmf")
            }
        }
        try CMemory.replace(&b.pointee.u.hvm.firmware, withOptional: config.firmwarePath, key: "firmware")
        try CMemory.replace(&b.pointee.u.hvm.soundhw, withOptional: config.soundhw, key: "soundhw")
        if let pci = config.xenPlatformPci { libxl_defbool_set(&b.pointee.u.hvm.xen_platform_pci, pci) }

        // xl: a display number both in vnclisten ("host:N") and in vncdisplay is contradictory.
        if let listen = config.vnc?.listen, listen.contains(":"), let display = config.vnc?.display, display != 0 {
            throw .invalidValue(
                key: "vnclisten", value: listen,
                reason: "the display is given both here and in vncdisplay")
        }
    }
}
