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
        .executableTarget(name: "dockaudit", dependencies: ["DockAuditKit"]),
        .testTarget(name: "DockAuditKitTests", dependencies: ["DockAuditKit"]),
    ],
    swiftLanguageModes: [.v6]
)
