import CXen

/// Memory handed to libxl must come from malloc: `libxl_domain_config_dispose` releases every
/// string, string list, bitmap and device array with free(). These helpers allocate that way and
/// turn an allocation failure into an error instead of a crash.
enum CMemory {
    /// A malloc'd copy of `value`; `key` names the setting in messages.
    static func string(_ value: String, key: String) throws(LibxlError) -> UnsafeMutablePointer<CChar> {
        guard !value.utf8.contains(0) else {
            throw .invalidValue(key: key, value: value, reason: "contains a NUL character")
        }
        guard let copy = strdup(value) else { throw .outOfMemory }
        return copy
    }

    /// xl's `replace_string`: frees what the field held and stores a copy of `value`.
    static func replace(_ field: inout UnsafeMutablePointer<CChar>?, with value: String, key: String)
        throws(LibxlError)
    {
        let copy = try string(value, key: key)
        free(field)
        field = copy
    }

    /// Sets the field only when the DomainConfig has a value, as xl only touches keys that are present.
    static func replace(_ field: inout UnsafeMutablePointer<CChar>?, withOptional value: String?, key: String)
        throws(LibxlError)
    {
        if let value { try replace(&field, with: value, key: key) }
    }

    /// A NULL-terminated `libxl_string_list`.
    static func stringList(_ items: [String], key: String) throws(LibxlError) -> libxl_string_list {
        guard
            let list = calloc(items.count + 1, MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)?
                .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: items.count + 1)
        else { throw .outOfMemory }
        for (i, item) in items.enumerated() {
            do { list[i] = try string(item, key: key) } catch {
                for j in 0..<i { free(list[j]) }
                free(list)
                throw error
            }
        }
        return list
    }

    /// A zeroed array of `count` device structures, each passed to its libxl `_init` function, so
    /// that dispose is safe whatever happens while they are filled.
    static func array<T>(of type: T.Type, count: Int, initialize: (UnsafeMutablePointer<T>) -> Void)
        throws(LibxlError) -> UnsafeMutablePointer<T>
    {
        guard let raw = calloc(max(count, 1), MemoryLayout<T>.stride) else { throw .outOfMemory }
        let array = raw.bindMemory(to: T.self, capacity: max(count, 1))
        for i in 0..<count { initialize(array + i) }
        return array
    }
}
