/// End-of-life dates: the day after which a release gets no free security updates at all
/// (LTS included, paid extended support not counted). Sources: debian.org/releases and
/// wiki.debian.org/LTS, ubuntu.com/about/release-cycle (standard security maintenance),
/// alpinelinux.org/releases, devguide.python.org/versions.
public enum EndOfLife {
    public struct Release: Sendable, Hashable {
        public var distribution: String
        public var name: String
        public var version: String
        public var endOfLife: CalendarDate
    }

    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    public static let debian: [Release] = [
        Release(distribution: "Debian", name: "squeeze", version: "6", endOfLife: day("2016-02-29")),
        Release(distribution: "Debian", name: "wheezy", version: "7", endOfLife: day("2018-05-31")),
        Release(distribution: "Debian", name: "jessie", version: "8", endOfLife: day("2020-06-30")),
        Release(distribution: "Debian", name: "stretch", version: "9", endOfLife: day("2022-06-30")),
        Release(distribution: "Debian", name: "buster", version: "10", endOfLife: day("2024-06-30")),
        Release(distribution: "Debian", name: "bullseye", version: "11", endOfLife: day("2026-08-31")),
        Release(distribution: "Debian", name: "bookworm", version: "12", endOfLife: day("2028-06-30")),
        Release(distribution: "Debian", name: "trixie", version: "13", endOfLife: day("2030-06-30")),
    ]

    /// LTS releases end 5 years after release (standard support); others after 9 months.
    public static let ubuntu: [Release] = [
        Release(distribution: "Ubuntu", name: "precise", version: "12.04", endOfLife: day("2017-04-28")),
        Release(distribution: "Ubuntu", name: "trusty", version: "14.04", endOfLife: day("2019-04-30")),
        Release(distribution: "Ubuntu", name: "xenial", version: "16.04", endOfLife: day("2021-04-30")),
        Release(distribution: "Ubuntu", name: "artful", version: "17.10", endOfLife: day("2018-07-19")),
        Release(distribution: "Ubuntu", name: "bionic", version: "18.04", endOfLife: day("2023-05-31")),
        Release(distribution: "Ubuntu", name: "cosmic", version: "18.10", endOfLife: day("2019-07-18")),
        Release(distribution: "Ubuntu", name: "disco", version: "19.04", endOfLife: day("2020-01-23")),
        Release(distribution: "Ubuntu", name: "eoan", version: "19.10", endOfLife: day("2020-07-17")),
        Release(distribution: "Ubuntu", name: "focal", version: "20.04", endOfLife: day("2025-05-31")),
        Release(distribution: "Ubuntu", name: "groovy", version: "20.10", endOfLife: day("2021-07-22")),
        Release(distribution: "Ubuntu", name: "hirsute", version: "21.04", endOfLife: day("2022-01-20")),
        Release(distribution: "Ubuntu", name: "impish", version: "21.10", endOfLife: day("2022-07-14")),
        Release(distribution: "Ubuntu", name: "jammy", version: "22.04", endOfLife: day("2027-06-01")),
        Release(distribution: "Ubuntu", name: "kinetic", version: "22.10", endOfLife: day("2023-07-20")),
        Release(distribution: "Ubuntu", name: "lunar", version: "23.04", endOfLife: day("2024-01-25")),
        Release(distribution: "Ubuntu", name: "mantic", version: "23.10", endOfLife: day("2024-07-11")),
        Release(distribution: "Ubuntu", name: "noble", version: "24.04", endOfLife: day("2029-05-31")),
        Release(distribution: "Ubuntu", name: "oracular", version: "24.10", endOfLife: day("2025-07-10")),
        Release(distribution: "Ubuntu", name: "plucky", version: "25.04", endOfLife: day("2026-01-15")),
        Release(distribution: "Ubuntu", name: "questing", version: "25.10", endOfLife: day("2026-07-09")),
    ]

    public static let alpine: [Release] = [
        Release(distribution: "Alpine", name: "3.10", version: "3.10", endOfLife: day("2021-05-01")),
        Release(distribution: "Alpine", name: "3.11", version: "3.11", endOfLife: day("2021-11-01")),
        Release(distribution: "Alpine", name: "3.12", version: "3.12", endOfLife: day("2022-05-01")),
        Release(distribution: "Alpine", name: "3.13", version: "3.13", endOfLife: day("2022-11-01")),
        Release(distribution: "Alpine", name: "3.14", version: "3.14", endOfLife: day("2023-05-01")),
        Release(distribution: "Alpine", name: "3.15", version: "3.15", endOfLife: day("2023-11-01")),
        Release(distribution: "Alpine", name: "3.16", version: "3.16", endOfLife: day("2024-05-23")),
        Release(distribution: "Alpine", name: "3.17", version: "3.17", endOfLife: day("2024-11-22")),
        Release(distribution: "Alpine", name: "3.18", version: "3.18", endOfLife: day("2025-05-09")),
        Release(distribution: "Alpine", name: "3.19", version: "3.19", endOfLife: day("2025-11-01")),
        Release(distribution: "Alpine", name: "3.20", version: "3.20", endOfLife: day("2026-04-01")),
        Release(distribution: "Alpine", name: "3.21", version: "3.21", endOfLife: day("2026-11-01")),
        Release(distribution: "Alpine", name: "3.22", version: "3.22", endOfLife: day("2027-05-01")),
        Release(distribution: "Alpine", name: "3.23", version: "3.23", endOfLife: day("2027-11-01")),
    ]

    public static let python: [Release] = [
        Release(distribution: "Python", name: "2.7", version: "2.7", endOfLife: day("2020-01-01")),
        Release(distribution: "Python", name: "3.4", version: "3.4", endOfLife: day("2019-03-18")),
        Release(distribution: "Python", name: "3.5", version: "3.5", endOfLife: day("2020-09-30")),
        Release(distribution: "Python", name: "3.6", version: "3.6", endOfLife: day("2021-12-23")),
        Release(distribution: "Python", name: "3.7", version: "3.7", endOfLife: day("2023-06-27")),
        Release(distribution: "Python", name: "3.8", version: "3.8", endOfLife: day("2024-10-07")),
        Release(distribution: "Python", name: "3.9", version: "3.9", endOfLife: day("2025-10-31")),
        Release(distribution: "Python", name: "3.10", version: "3.10", endOfLife: day("2026-10-31")),
        Release(distribution: "Python", name: "3.11", version: "3.11", endOfLife: day("2027-10-31")),
        Release(distribution: "Python", name: "3.12", version: "3.12", endOfLife: day("2028-10-31")),
        Release(distribution: "Python", name: "3.13", version: "3.13", endOfLife: day("2029-10-31")),
        Release(distribution: "Python", name: "3.14", version: "3.14", endOfLife: day("2030-10-31")),
    ]

    /// Alpine releases before 3.10 all ended before 2021.
    static let oldAlpineEnd = day("2020-11-01")

    /// The distribution release an image reference names, read from its tag:
    /// `debian:buster-slim`, `python:3.9-slim-bullseye`, `ubuntu:18.04`, `ubuntu:jammy`,
    /// `alpine:3.14`, `python:3.11-alpine3.17`, `node:16-stretch`.
    public static func distributionRelease(of reference: ImageReference) -> Release? {
        let name = reference.name
        guard let tag = reference.tag?.lowercased() else { return nil }
        let tokens = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        for token in tokens {
            if let release = debian.first(where: { $0.name == token }) { return release }
            if let release = ubuntu.first(where: { $0.name == token }) { return release }
            if token.hasPrefix("alpine"), let release = alpineRelease(String(token.dropFirst("alpine".count))) {
                return release
            }
        }
        switch name {
        case "debian":
            let major = tokens.first.map { String($0.prefix { $0 != "." }) }
            return debian.first { $0.version == major }
        case "ubuntu":
            guard let first = tokens.first else { return nil }
            let version = first.split(separator: ".").prefix(2).joined(separator: ".")
            return ubuntu.first { $0.version == version }
        case "alpine":
            return tokens.first.flatMap(alpineRelease)
        default:
            return nil
        }
    }

    /// `3.14`, `3.14.2` → Alpine 3.14; releases older than the table end early.
    static func alpineRelease(_ version: String) -> Release? {
        let parts = version.split(separator: ".")
        guard parts.count >= 2, parts[0] == "3", let minor = Int(parts[1]) else { return nil }
        let key = "3.\(minor)"
        if let release = alpine.first(where: { $0.version == key }) { return release }
        if minor < 10 { return Release(distribution: "Alpine", name: key, version: key, endOfLife: oldAlpineEnd) }
        return nil
    }

    /// The Python major.minor in a `python` image tag (`3.9`, `3.9.18-slim`, `3.12-alpine`,
    /// `0.201.8-3.8` for images that put their own version first); nil for `3`, `latest`,
    /// `slim` and other tags that float.
    public static func pythonVersion(ofTag tag: String) -> String? {
        for token in tag.split(separator: "-") {
            let parts = token.split(separator: ".")
            guard parts.count >= 2, parts[0] == "2" || parts[0] == "3",
                parts.prefix(2).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) })
            else { continue }
            return "\(parts[0]).\(parts[1])"
        }
        return nil
    }

    public static func pythonRelease(_ version: String) -> Release? {
        if let release = python.first(where: { $0.version == version }) { return release }
        // Anything older than the table is long past its end.
        let parts = version.split(separator: ".").compactMap { Int($0) }
        if parts.count == 2, parts[0] < 3 || (parts[0] == 3 && parts[1] < 4) {
            return Release(distribution: "Python", name: version, version: version, endOfLife: day("2019-03-18"))
        }
        return nil
    }

    /// The date rules compare with: `--as-of`, else today (UTC).
    public static func today() -> CalendarDate {
        let seconds = clock_realtime()
        return CalendarDate(daysSinceEpoch: seconds / 86_400)
    }
}

extension CalendarDate {
    /// The civil date `days` after 1970-01-01 (proleptic Gregorian).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds since 1970 from the system clock.
func clock_realtime() -> Int {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int(spec.tv_sec)
}
