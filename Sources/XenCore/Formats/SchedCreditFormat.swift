/// `xm sched-credit` (xm/main.py `xm_sched_credit`).
public enum SchedCreditFormat {
    /// `'%-33s %4s %6s %4s' % ('Name','ID','Weight','Cap')`
    public static let header = [PyFormat.s("Name", 33, left: true), PyFormat.s("ID", 4), PyFormat.s("Weight", 6),
                                PyFormat.s("Cap", 4)].joined(separator: " ")

    /// `"%(name)-32s %(domid)5s %(weight)6d %(cap)4d"`
    public static func row(name: String, domid: UInt32, params: CreditParams) -> String {
        [PyFormat.s(name, 32, left: true), PyFormat.s(String(domid), 5), PyFormat.d(params.weight, 6),
         PyFormat.d(params.cap, 4)].joined(separator: " ")
    }
}
