import Testing
@testable import DockAuditKit

struct ImageReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var registry: String?
        var repository: String
        var tag: String?
        var digest: String?
        var normalized: String
        var testDescription: String { text }
    }

    @Test(arguments: [
        Case(text: "python", registry: nil, repository: "python", tag: nil, digest: nil, normalized: "library/python"),
        Case(text: "python:3.12-slim", registry: nil, repository: "python", tag: "3.12-slim", digest: nil, normalized: "library/python"),
        Case(text: "docker.io/library/python:3.12", registry: "docker.io", repository: "library/python", tag: "3.12", digest: nil, normalized: "library/python"),
        Case(text: "bitnami/python:3.11", registry: nil, repository: "bitnami/python", tag: "3.11", digest: nil, normalized: "bitnami/python"),
        Case(text: "ghcr.io/astral-sh/uv:0.5.1", registry: "ghcr.io", repository: "astral-sh/uv", tag: "0.5.1", digest: nil, normalized: "astral-sh/uv"),
        Case(text: "localhost:5000/app:dev", registry: "localhost:5000", repository: "app", tag: "dev", digest: nil, normalized: "app"),
        Case(text: "localhost/app", registry: "localhost", repository: "app", tag: nil, digest: nil, normalized: "app"),
        Case(text: "python@sha256:abc", registry: nil, repository: "python", tag: nil, digest: "sha256:abc", normalized: "library/python"),
        Case(text: "python:3.12@sha256:abc", registry: nil, repository: "python", tag: "3.12", digest: "sha256:abc", normalized: "library/python"),
        Case(text: "registry.example.com:443/team/api", registry: "registry.example.com:443", repository: "team/api", tag: nil, digest: nil, normalized: "team/api"),
    ])
    func parses(_ testCase: Case) throws {
        let reference = try #require(ImageReference(testCase.text))
        #expect(reference.registry == testCase.registry)
        #expect(reference.repository == testCase.repository)
        #expect(reference.tag == testCase.tag)
        #expect(reference.digest == testCase.digest)
        #expect(reference.normalizedRepository == testCase.normalized)
    }

    @Test func rejectsEmptyAndSpaces() {
        #expect(ImageReference("") == nil)
        #expect(ImageReference("a b") == nil)
        #expect(ImageReference(":tag") == nil)
    }

    @Test func nameAndScratch() {
        #expect(ImageReference("ghcr.io/org/python:3.12")?.name == "python")
        #expect(ImageReference("scratch")?.isScratch == true)
        #expect(ImageReference("scratch:1")?.isScratch == false)
    }
}
