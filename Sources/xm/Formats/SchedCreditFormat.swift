import XenCore

/// `xm sched-credit` and `xm sched-credit2` (xm/main.py `xm_sched_credit`, `xm_sched_credit2`).
package enum SchedCreditFormat {
    /// credit: `'%-33s %4s %6s %4s' % ('Name','ID','Weight','Cap')`; credit2 has no Cap column.
    package static func header(_ scheduler: WeightScheduler) -> String {
        var columns = [PyFormat.s("Name", 33, left: true), PyFormat.s("ID", 4), PyFormat.s("Weight", 6)]
        if scheduler == .credit { columns.append(PyFormat.s("Cap", 4)) }
        return columns.joined(separator: " ")
    }

    /// credit: `"%(name)-32s %(domid)5s %(weight)6d %(cap)4d"`; credit2: without the cap.
    package static func row(_ scheduler: WeightScheduler, name: String, domid: UInt32, params: CreditParams) -> String {
        var columns = [PyFormat.s(name, 32, left: true), PyFormat.s(String(domid), 5), PyFormat.d(params.weight, 6)]
        if scheduler == .credit { columns.append(PyFormat.d(params.cap, 4)) }
        return columns.joined(separator: " ")
    }
}
