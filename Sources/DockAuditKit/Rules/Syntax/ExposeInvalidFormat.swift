/// DA119: an EXPOSE port with an IP address or a host-port mapping (`8080:80`).
struct ExposeInvalidFormat: Rule {
    static let description = RuleDescription(
        code: "DA119", name: "expose-invalid-format", severity: .warning, category: .syntax,
        aliases: ["ExposeInvalidFormat"],
        summary: "An EXPOSE port carries an IP address or a host-port mapping.",
        rationale: """
            EXPOSE only documents which container ports the image listens on. Publishing a \
            port on the host, and choosing the host address and port, is decided when the \
            container runs (`docker run -p`, compose `ports:`). BuildKit ignores the host part \
            today, warns about it, and says it will become an error in a future release.
            """,
        howToFix: "Keep only the container port (`EXPOSE 80`) and map it when running: `docker run -p 127.0.0.1:8080:80`.",
        badExamples: [
            "FROM nginx\nEXPOSE ↓8080:80\n",
            "FROM nginx\nEXPOSE 443 ↓127.0.0.1:8080:80/tcp\n",
            "FROM alpine\nEXPOSE ↓[::1]:9000:9000\n",
            "FROM alpine\nARG MAPPING=5000:5000\nEXPOSE ↓$MAPPING\n",
        ],
        goodExamples: [
            "FROM nginx\nEXPOSE 80 443/tcp\n",
            "FROM alpine\nEXPOSE 8000-8010\n",
            "FROM alpine\nARG PORT=5000\nEXPOSE ${PORT}/udp\n",
            "FROM alpine\nENV PORT=${CUSTOM_PORT:-8080}\nEXPOSE $PORT\n",
        ])

    static let keywords: Set<InstructionKind> = [.expose]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        for word in instruction.words {
            // A spec still holding a variable (`${PORT:-8080}` from an unknown value) cannot be judged.
            for spec in ExposedPort.specs(of: word, at: index, context: context) where spec.containsBytes(":") && !spec.containsBytes("$") {
                let port = spec[spec.index(after: spec.lastIndex(of: ":")!)...]
                let advice = port.isEmpty ? "keep only the container port" : "write EXPOSE \(port)"
                findings.report(
                    word.range,
                    "EXPOSE \(spec) sets an IP address or host port, which EXPOSE ignores: \(advice) and publish the port at run time (docker run -p)")
            }
        }
    }
}
