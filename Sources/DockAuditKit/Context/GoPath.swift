/// Go's `path/filepath` functions on Unix, byte for byte, because Docker cleans both
/// `.dockerignore` patterns and the paths it matches with them this way.
enum GoPath {
    /// `filepath.Clean`: the shortest lexically equivalent path. Collapses `//`, drops `.`
    /// elements, resolves `name/..`, drops a trailing `/`; `..` that climbs above the start
    /// of a relative path is kept, above `/` it is dropped; an empty result is `.`.
    static func clean(_ path: [UInt8]) -> [UInt8] {
        let n = path.count
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        if n == 0 { return [dot] }
        let rooted = path[0] == slash
        // `buffer[..<w]` is the output so far; Go's lazybuf works the same way.
        var buffer = [UInt8](repeating: 0, count: n + 2)
        var w = 0
        var r = 0, dotdot = 0
        if rooted {
            buffer[0] = slash
            w = 1
            r = 1
            dotdot = 1
        }
        while r < n {
            if path[r] == slash {
                r += 1
            } else if path[r] == dot, r + 1 == n || path[r + 1] == slash {
                r += 1
            } else if path[r] == dot, path[r + 1] == dot, r + 2 == n || path[r + 2] == slash {
                r += 2
                if w > dotdot {
                    w -= 1
                    while w > dotdot, buffer[w] != slash { w -= 1 }
                } else if !rooted {
                    if w > 0 {
                        buffer[w] = slash
                        w += 1
                    }
                    buffer[w] = dot
                    buffer[w + 1] = dot
                    w += 2
                    dotdot = w
                }
            } else {
                if (rooted && w != 1) || (!rooted && w != 0) {
                    buffer[w] = slash
                    w += 1
                }
                while r < n, path[r] != slash {
                    buffer[w] = path[r]
                    w += 1
                    r += 1
                }
            }
        }
        return w == 0 ? [dot] : Array(buffer[..<w])
    }

    static func clean(_ path: String) -> String {
        String(decoding: clean(Array(path.utf8)), as: UTF8.self)
    }

    /// `filepath.Dir`: everything before the last `/`, cleaned (`.` when there is none).
    static func dir(_ path: [UInt8]) -> [UInt8] {
        var i = path.count - 1
        while i >= 0, path[i] != UInt8(ascii: "/") { i -= 1 }
        return clean(Array(path[..<(i + 1)]))
    }
}
