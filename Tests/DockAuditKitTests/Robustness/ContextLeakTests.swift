import Foundation
import Testing
@testable import DockAuditKit

/// Issue 8, no leaks out of the build context: a link in the context that resolves outside
/// it is treated as Docker treats it (the link is sent, not what it points to; COPY looks
/// the target up inside the context and fails with "not found"), and nothing behind it
/// reaches any report.
@Suite("No leaks out of the build context")
struct ContextLeakTests {
    static let dockerfile = """
        FROM python:3.12-slim
        WORKDIR /app
        COPY requirements.txt pyproject.toml ./
        COPY requirements/ requirements/
        RUN pip install --no-cache-dir -r requirements.txt -r requirements/dev.txt
        COPY . .
        USER 10001
        CMD ["python", "app.py"]

        """

    /// A context whose Python files are links out of it: to /etc/passwd and to a file
    /// holding `marker`, by absolute path and by climbing with `..`.
    static func makeContext(marker: String) throws -> (context: TemporaryTree, outside: TemporaryTree) {
        let outside = try TemporaryTree()
        let secret = try outside.write("secret.txt", "\(marker)==1.0\n\(marker)\n")
        try outside.write("pyproject.toml", "[project]\nname = \"\(marker)\"\ndependencies = [\"\(marker)\"]\n")
        try outside.write("dockerignore", "\(marker)\n")
        let context = try TemporaryTree()
        try context.write("Dockerfile", dockerfile)
        try context.write("app.py", "print('hi')\n")
        try context.link("requirements.txt", to: "/etc/passwd")
        try context.link("pyproject.toml", to: outside.path("pyproject.toml"))
        try context.makeDirectory("requirements")
        try context.link("requirements/dev.txt", to: "../../" + (outside.root as NSString).lastPathComponent + "/secret.txt")
        try context.write("requirements/base.txt", "-r ../../\((outside.root as NSString).lastPathComponent)/secret.txt\n")
        try context.link(".dockerignore", to: outside.path("dockerignore"))
        _ = secret
        return (context, outside)
    }

    @Test(arguments: OutputFormat.allCases)
    func nothingBehindALinkOutOfTheContextReachesTheReport(_ format: OutputFormat) throws {
        let marker = "leakmarker" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let (context, outside) = try Self.makeContext(marker: marker)
        defer {
            context.remove()
            outside.remove()
        }
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
        let secretLines = passwd.split(separator: "\n").filter { $0.count > 8 }.map(String.init)
        for extra in [[], ["--select", "DA124,DA125,DA127"], ["--statistics"]] {
            let result = runCommand(
                ["lint", "--format", format.rawValue] + extra + [context.path("Dockerfile")], rules: RuleRegistry.all)
            let output = result.standardOutput + result.standardError
            #expect(result.exitCode <= 1, "\(format): \(result.standardError)")
            #expect(!output.contains(marker), "\(format) \(extra) shows a file from outside the context")
            #expect(!output.contains("root:"), "\(format) \(extra) shows /etc/passwd")
            for line in secretLines { #expect(!output.contains(line)) }
        }
    }

    @Test func aLinkOutOfTheContextIsNotSentAsItsTarget() throws {
        let (context, outside) = try Self.makeContext(marker: "marker")
        defer {
            context.remove()
            outside.remove()
        }
        let build = try BuildContext(root: context.root)
        #expect(build.kind(of: "requirements.txt") == .outsideContext)
        #expect(build.read("requirements.txt") == .outsideContext)
        #expect(build.read("requirements/dev.txt") == .outsideContext)
        #expect(build.pyproject().pyproject == nil)
        #expect(build.requirements("requirements/base.txt").requirements.isEmpty)
        #expect(build.effectiveDockerignore(forDockerfile: nil).dockerignore == nil)

        let result = runCommand(["lint", context.path("Dockerfile")], rules: RuleRegistry.all)
        // COPY of the link: BuildKit resolves it inside the context, finds nothing there
        // and fails, which is what the finding says.
        #expect(result.standardOutput.contains("Dockerfile:3:6: error: requirements.txt is not in the build context"))
    }
}
