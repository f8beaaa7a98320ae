import CXen
import Glibc

/// A CPU pool as the hypervisor has it: a set of physical CPUs with a scheduler of its own, and
/// the domains that run on them.
public struct CPUPool: Sendable, Hashable {
    public var id: UInt32
    public var name: String
    public var scheduler: String
    public var cpus: [Int]
    public var domainCount: Int
    public init(id: UInt32, name: String, scheduler: String, cpus: [Int], domainCount: Int) {
        self.id = id
        self.name = name
        self.scheduler = scheduler
        self.cpus = cpus
        self.domainCount = domainCount
    }
}

extension LibxlContext {
    /// Every pool, Pool-0 first (by id).
    public func listCPUPools() throws -> [CPUPool] {
        var count: Int32 = 0
        guard let list = libxl_list_cpupool(ctx, &count) else {
            throw failure("listing CPU pools", ERROR_FAIL.rawValue)
        }
        defer { libxl_cpupoolinfo_list_free(list, count) }
        return (0..<Int(count)).map { i in
            var map = list[i].cpumap
            return CPUPool(
                id: list[i].poolid, name: list[i].pool_name.map { String(cString: $0) } ?? "(null)",
                scheduler: String(cString: libxl_scheduler_to_string(list[i].sched)),
                cpus: CPUBitmap.members(&map), domainCount: Int(list[i].n_dom))
        }.sorted { $0.id < $1.id }
    }

    /// A pool by name, or by number as xl also accepts.
    public func resolveCPUPool(_ nameOrID: String) throws -> CPUPool {
        let pools = try listCPUPools()
        if let p = pools.first(where: { $0.name == nameOrID })
            ?? UInt32(nameOrID).flatMap({ id in pools.first { $0.id == id } })
        {
            return p
        }
        throw XenError.noSuchPool(nameOrID)
    }

    /// CPUs in no pool, which a new pool may take.
    public func freeCPUs() throws -> [Int] {
        var map = libxl_bitmap()
        libxl_bitmap_init(&map)
        defer { libxl_bitmap_dispose(&map) }
        try check("reading the free CPUs", libxl_get_freecpus(ctx, &map))
        return CPUBitmap.members(&map)
    }

    /// Makes a pool of `cpus` (which must be free) under `scheduler`; returns its id.
    @discardableResult
    public func createCPUPool(name: String, scheduler: String, cpus: [Int]) throws -> UInt32 {
        if try listCPUPools().contains(where: { $0.name == name }) {
            throw XenError.poolExists(name)
        }
        var sched = LIBXL_SCHEDULER_UNKNOWN
        guard libxl_scheduler_from_string(scheduler, &sched) == 0, sched != LIBXL_SCHEDULER_UNKNOWN else {
            throw XenError.unknownScheduler(scheduler)
        }
        try requireFree(cpus)
        var uuid = libxl_uuid()
        libxl_uuid_generate(&uuid)
        var poolid = UInt32(0xFFFF_FFFF)  // LIBXL_CPUPOOL_POOLID_ANY: Xen picks the id
        try withCPUMap(cpus) { map in
            try check("creating CPU pool \(name)", libxl_cpupool_create(ctx, name, sched, map, &uuid, &poolid))
        }
        return poolid
    }

    /// CPUs in a pool already cannot join another: say which, and how to free it.
    private func requireFree(_ cpus: [Int]) throws {
        let free = Set(try freeCPUs())
        if let busy = cpus.first(where: { !free.contains($0) }) {
            throw XenError.cpuNotFree(busy)
        }
    }

    public func destroyCPUPool(_ pool: CPUPool) throws {
        if pool.id == 0 { throw XenError.pool0Indestructible }
        if pool.domainCount > 0 {
            throw XenError.poolHasDomains(pool: pool.name, count: pool.domainCount)
        }
        try check("destroying CPU pool \(pool.name)", libxl_cpupool_destroy(ctx, pool.id))
    }

    public func addCPU(_ cpu: Int, to pool: CPUPool) throws {
        try requireFree([cpu])
        try check("adding CPU \(cpu) to pool \(pool.name)", libxl_cpupool_cpuadd(ctx, pool.id, Int32(cpu)))
    }

    public func removeCPU(_ cpu: Int, from pool: CPUPool) throws {
        guard pool.cpus.contains(cpu) else { throw XenError.cpuNotInPool(cpu: cpu, pool: pool.name) }
        try check("removing CPU \(cpu) from pool \(pool.name)", libxl_cpupool_cpuremove(ctx, pool.id, Int32(cpu)))
    }

    public func moveDomain(_ domid: UInt32, to pool: CPUPool) throws {
        try check("moving domain \(domid) to pool \(pool.name)", libxl_cpupool_movedomain(ctx, pool.id, domid))
    }
}
