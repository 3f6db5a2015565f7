// swift-tools-version:6.0
import PackageDescription

// dockaudit is Foundation-only by design: no package dependencies.
let package = Package(
    name: "dockaudit",
    products: [
        .library(name: "DockAuditKit", targets: ["DockAuditKit"]),
        .executable(name: "dockaudit", targets: ["dockaudit"]),
    ],
    targets: [
        .target(name: "DockAuditKit"),
        .executableTarget(
            name: "dockaudit", dependencies: ["DockAuditKit"],
            // The Swift runtime linked in: a pre-commit hook starts dockaudit once per
            // commit, and loading and relocating the shared Swift libraries was about a
            // third of linting one small file (Scripts/bench: 8-10 ms -> 5 ms).
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))]),
        .testTarget(name: "DockAuditKitTests", dependencies: ["DockAuditKit"]),
    ],
    swiftLanguageModes: [.v6]
)
