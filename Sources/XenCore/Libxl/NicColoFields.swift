import CXen

/// xl's COLO vif keys (`forwarddev`, `colo_*`), each a string field of `libxl_device_nic` of the
/// same name (`forwarddev` is `coloft_forwarddev`), as parse_nic_config in xl_parse.c lists them.
enum NicColoFields {
    static func field(for key: String) -> WritableKeyPath<libxl_device_nic, UnsafeMutablePointer<CChar>?>? {
        switch key {
        case "forwarddev": \.coloft_forwarddev
        case "colo_sock_mirror_id": \.colo_sock_mirror_id
        case "colo_sock_mirror_ip": \.colo_sock_mirror_ip
        case "colo_sock_mirror_port": \.colo_sock_mirror_port
        case "colo_sock_compare_pri_in_id": \.colo_sock_compare_pri_in_id
        case "colo_sock_compare_pri_in_ip": \.colo_sock_compare_pri_in_ip
        case "colo_sock_compare_pri_in_port": \.colo_sock_compare_pri_in_port
        case "colo_sock_compare_sec_in_id": \.colo_sock_compare_sec_in_id
        case "colo_sock_compare_sec_in_ip": \.colo_sock_compare_sec_in_ip
        case "colo_sock_compare_sec_in_port": \.colo_sock_compare_sec_in_port
        case "colo_sock_compare_notify_id": \.colo_sock_compare_notify_id
        case "colo_sock_compare_notify_ip": \.colo_sock_compare_notify_ip
        case "colo_sock_compare_notify_port": \.colo_sock_compare_notify_port
        case "colo_sock_redirector0_id": \.colo_sock_redirector0_id
        case "colo_sock_redirector0_ip": \.colo_sock_redirector0_ip
        case "colo_sock_redirector0_port": \.colo_sock_redirector0_port
        case "colo_sock_redirector1_id": \.colo_sock_redirector1_id
        case "colo_sock_redirector1_ip": \.colo_sock_redirector1_ip
        case "colo_sock_redirector1_port": \.colo_sock_redirector1_port
        case "colo_sock_redirector2_id": \.colo_sock_redirector2_id
        case "colo_sock_redirector2_ip": \.colo_sock_redirector2_ip
        case "colo_sock_redirector2_port": \.colo_sock_redirector2_port
        case "colo_filter_mirror_queue": \.colo_filter_mirror_queue
        case "colo_filter_mirror_outdev": \.colo_filter_mirror_outdev
        case "colo_filter_redirector0_queue": \.colo_filter_redirector0_queue
        case "colo_filter_redirector0_indev": \.colo_filter_redirector0_indev
        case "colo_filter_redirector0_outdev": \.colo_filter_redirector0_outdev
        case "colo_filter_redirector1_queue": \.colo_filter_redirector1_queue
        case "colo_filter_redirector1_indev": \.colo_filter_redirector1_indev
        case "colo_filter_redirector1_outdev": \.colo_filter_redirector1_outdev
        case "colo_compare_pri_in": \.colo_compare_pri_in
        case "colo_compare_sec_in": \.colo_compare_sec_in
        case "colo_compare_out": \.colo_compare_out
        case "colo_compare_notify_dev": \.colo_compare_notify_dev
        case "colo_sock_sec_redirector0_id": \.colo_sock_sec_redirector0_id
        case "colo_sock_sec_redirector0_ip": \.colo_sock_sec_redirector0_ip
        case "colo_sock_sec_redirector0_port": \.colo_sock_sec_redirector0_port
        case "colo_sock_sec_redirector1_id": \.colo_sock_sec_redirector1_id
        case "colo_sock_sec_redirector1_ip": \.colo_sock_sec_redirector1_ip
        case "colo_sock_sec_redirector1_port": \.colo_sock_sec_redirector1_port
        case "colo_filter_sec_redirector0_queue": \.colo_filter_sec_redirector0_queue
        case "colo_filter_sec_redirector0_indev": \.colo_filter_sec_redirector0_indev
        case "colo_filter_sec_redirector0_outdev": \.colo_filter_sec_redirector0_outdev
        case "colo_filter_sec_redirector1_queue": \.colo_filter_sec_redirector1_queue
        case "colo_filter_sec_redirector1_indev": \.colo_filter_sec_redirector1_indev
        case "colo_filter_sec_redirector1_outdev": \.colo_filter_sec_redirector1_outdev
        case "colo_filter_sec_rewriter0_queue": \.colo_filter_sec_rewriter0_queue
        case "colo_checkpoint_host": \.colo_checkpoint_host
        case "colo_checkpoint_port": \.colo_checkpoint_port
        default: nil
        }
    }
}
