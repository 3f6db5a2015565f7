import Testing
@testable import DockAuditKit

struct DockerfileModelTests {
    func model(_ text: String) -> DockerfileModel {
        DockerfileModel(DockerfileParser.parse(text: text))
    }

    @Test func stagesNamesBasesAndFinal() throws {
        let model = model("""
            ARG PY=3.12
            FROM python:${PY}-slim AS Builder
            RUN pip wheel .
            FROM builder AS test
            FROM scratch
            FROM $UNKNOWN_IMAGE
            """)
        #expect(model.stages.count == 4)
        #expect(model.stages[0].name == "builder")
        #expect(model.stages[0].baseText == "python:3.12-slim")
        #expect(model.stages[0].base == .image(ImageReference("python:3.12-slim")!))
        #expect(model.stages[1].base == .stage(0))
        #expect(model.stages[1].parent == 0)
        #expect(model.stages[2].base == .scratch)
        #expect(model.stages[3].base == .unresolved("$UNKNOWN_IMAGE"))
        #expect(model.stages[0].instructionIndices == 1..<3)
        #expect(model.finalStage()?.index == 3)
        #expect(model.finalStage(target: "TEST")?.index == 1)
        #expect(model.finalStage(target: "missing") == nil)
        #expect(model.stages[1].rootImage(in: model.stages)?.text == "python:3.12-slim")
        #expect(model.ancestors(of: model.stages[1]).map(\.index) == [0])
    }

    @Test func globalArgsOnlyInFromUnlessRedeclared() {
        let model = model("""
            ARG VERSION=1.0
            ARG IMAGE=alpine:${VERSION}
            FROM $IMAGE
            RUN echo $VERSION
            ARG VERSION
            RUN echo $VERSION
            """)
        #expect(model.stages[0].baseText == "alpine:1.0")
        #expect(model.expand("$VERSION", at: 3) == "$VERSION")
        #expect(model.expand("$VERSION", at: 5) == "1.0")
        #expect(model.states[5].variables["VERSION"]?.origin == .arg)
    }

    @Test func argDefaultsAndEnvScoping() {
        let model = model("""
            FROM alpine
            ARG USER_NAME=app
            ENV HOME=/home/$USER_NAME APP=$HOME/src
            ENV APP2=$HOME/src
            ARG EMPTY
            RUN true
            """)
        #expect(model.states[5].variables["HOME"]?.value == "/home/app")
        // All pairs of one ENV see the variables from before it: $HOME was unknown then.
        #expect(model.states[5].variables["APP"]?.value == "$HOME/src")
        #expect(model.states[5].variables["APP2"]?.value == "/home/app/src")
        #expect(model.states[5].variables["EMPTY"] != nil)
        #expect(model.states[5].variables["EMPTY"]?.value == nil)
        // Declared without a value: unset at build time, so defaults apply.
        #expect(model.expand("${EMPTY:-fallback}", at: 5) == "fallback")
        #expect(model.expand("a${EMPTY}b", at: 5) == "ab")
        // Never declared (maybe set by the base image): left as written.
        #expect(model.expand("${PYTHON_VERSION:-3}", at: 5) == "${PYTHON_VERSION:-3}")
        #expect(model.expand("${USER_NAME:-x}/${APP2%/src}", at: 5) == "app//home/app")
    }

    @Test func legacyEnvForm() {
        let model = model("FROM alpine\nENV PATH_EXTRA /opt/bin:/usr/local/bin\nRUN true\n")
        #expect(model.states[2].variables["PATH_EXTRA"]?.value == "/opt/bin:/usr/local/bin")
    }

    @Test func inheritanceThroughStages() {
        let model = model("""
            FROM python:3.12 AS base
            ENV VENV=/opt/venv
            USER app
            WORKDIR /srv
            SHELL ["/bin/bash", "-c"]
            FROM base AS child
            RUN true
            FROM python:3.12
            RUN true
            """)
        let child = model.states[6]
        #expect(child.stage == 1)
        #expect(child.variables["VENV"]?.value == "/opt/venv")
        #expect(child.user == "app")
        #expect(child.workdir == "/srv")
        #expect(child.workdirKnown)
        #expect(child.shell == ["/bin/bash", "-c"])
        #expect(child.shellSet)
        let unrelated = model.states[8]
        #expect(unrelated.variables["VENV"] == nil)
        #expect(unrelated.user == nil)
        #expect(unrelated.workdir == "/")
        #expect(!unrelated.workdirKnown)
        #expect(unrelated.shell == ["/bin/sh", "-c"])
    }

    @Test func workdirResolution() {
        let model = model("""
            FROM alpine
            WORKDIR app
            WORKDIR /srv
            WORKDIR ./api/../web
            ARG SUB=v1
            WORKDIR $SUB
            RUN true
            """)
        #expect(model.states[2].workdir == "/app")
        #expect(model.states[2].workdirSet)
        #expect(!model.states[2].workdirKnown)
        #expect(model.states[4].workdir == "/srv/web")
        #expect(model.states[6].workdir == "/srv/web/v1")
        #expect(model.states[6].workdirKnown)
    }

    @Test func fromWithDeclaredAndAutomaticArgs() {
        let model = model("ARG TAG\nARG PY\nFROM python:${PY:-3.11}-slim\nFROM busybox:${TAG}\nFROM --platform=$BUILDPLATFORM golang:1.22-${TARGETARCH}\n")
        #expect(model.stages[0].baseText == "python:3.11-slim")
        #expect(model.stages[1].baseText == "busybox:")
        #expect(model.stages[2].baseText == "golang:1.22-${TARGETARCH}")
        #expect(model.stages[2].platform == "$BUILDPLATFORM")
    }

    @Test func userExpansion() {
        let model = model("FROM alpine\nARG UID=10001\nUSER ${UID}:${UID}\nRUN true\n")
        #expect(model.states[3].user == "10001:10001")
    }

    @Test func copyOperations() throws {
        let model = model("""
            FROM python:3.12 AS build
            WORKDIR /app
            COPY requirements.txt ./
            COPY --from=build /app/.venv /opt/venv
            COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/
            ADD https://example.com/x.tgz /tmp/
            COPY <<EOF /etc/conf
            x
            EOF
            COPY ./src/ app/
            COPY ["a b", "c"]
            """)
        let requirements = try #require(model.copies[2])
        #expect(requirements.origin == .context)
        #expect(requirements.sources.map(\.value) == ["requirements.txt"])
        #expect(requirements.resolvedDestination == "/app/")
        let fromStage = try #require(model.copies[3])
        #expect(fromStage.origin == .stage(0))
        #expect(fromStage.resolvedDestination == "/opt/venv")
        #expect(model.copies[4]?.origin == .image(ImageReference("ghcr.io/astral-sh/uv:0.5")!))
        #expect(model.copies[5]?.isAdd == true)
        #expect(model.copies[5]?.sources.first?.kind == .url)
        #expect(model.copies[6]?.sources.first?.kind == .heredoc)
        #expect(model.copies[6]?.sources.first?.value == "EOF")
        #expect(model.copies[7]?.sources.first?.value == "src")
        #expect(model.copies[7]?.resolvedDestination == "/app/app/")
        #expect(model.copies[8]?.sources.first?.value == "a b")
        #expect(model.copies[8]?.resolvedDestination == "/app/c")
    }

    @Test func runMounts() throws {
        let model = model("""
            FROM python:3.12
            RUN --mount=type=cache,target=/root/.cache/pip --mount=type=bind,source=requirements.txt,target=/tmp/r.txt --mount=type=secret,id=token,dst=/run/secrets/t pip install -r /tmp/r.txt
            RUN --mount="type=bind,from=build,src=/out,target=/in" true
            """)
        let mounts = try #require(model.mounts[1])
        #expect(mounts.count == 3)
        #expect(mounts[0].type == "cache")
        #expect(mounts[0].caches("/root/.cache/pip"))
        #expect(mounts[0].caches("/root/.cache/pip/wheels"))
        #expect(!mounts[0].caches("/root/.cache"))
        #expect(mounts[1].type == "bind")
        #expect(mounts[1].source == "requirements.txt")
        #expect(mounts[1].target == "/tmp/r.txt")
        #expect(mounts[2].id == "token")
        #expect(mounts[2].target == "/run/secrets/t")
        let quoted = try #require(model.mounts[2]?.first)
        #expect(quoted.from == "build")
        #expect(quoted.source == "/out")
    }

    @Test func csvFieldsHandleQuotes() {
        #expect(RunMount.csvFields("type=cache,target=/a") == ["type=cache", "target=/a"])
        #expect(RunMount.csvFields("\"target=/a,b\",type=bind") == ["target=/a,b", "type=bind"])
        #expect(RunMount.csvFields("a=\"\"\"x\"\"\"") == ["a=\"x\""])
    }

    @Test func pathCleaning() {
        #expect(PathText.clean("/a/./b/../c/") == "/a/c")
        #expect(PathText.clean("/../x") == "/x")
        #expect(PathText.clean("a/../../b") == "../b")
        #expect(PathText.clean("") == ".")
        #expect(PathText.cleanRelative("./src/") == "src")
        #expect(PathText.cleanRelative("/abs") == "abs")
        #expect(PathText.cleanRelative(".") == ".")
    }
}

struct VariableScopeTests {
    func variable(_ name: String, _ value: String?) -> Variable {
        Variable(name: name, value: value, origin: .env, declaredAt: 0)
    }

    @Test func setGetOverwriteAndCount() {
        var scope = VariableScope()
        scope.set(variable("A", "1"))
        scope.set(variable("B", nil))
        scope.set(variable("A", "2"))
        #expect(scope.count == 2)
        #expect(scope.value(of: "A") == "2")
        #expect(scope["B"] != nil && scope.value(of: "B") == nil)
        #expect(scope.isKnownUnset("B"))
        #expect(scope["C"] == nil)
        #expect(Set(scope.variables.keys) == ["A", "B"])
    }

    /// Earlier scopes are not changed by later sets (each instruction keeps its own view).
    @Test func copiesAreIndependent() {
        var first = VariableScope()
        for index in 0..<5_000 { first.set(variable("V\(index)", "\(index)")) }
        var second = first
        second.set(variable("V42", "changed"))
        second.set(variable("NEW", "x"))
        #expect(first.value(of: "V42") == "42")
        #expect(first["NEW"] == nil)
        #expect(second.value(of: "V42") == "changed")
        #expect(second.count == 5_001)
        #expect(first.count == 5_000)
        #expect(first != second)
        var third = first
        third.set(variable("V42", "42"))
        #expect(third == first)
    }
}

@Suite("Package words")
struct PackageWordTests {
    @Test(arguments: [
        ("tools-${MAJOR}", ["MAJOR"]),
        ("$A$B", ["A", "B"]),
        ("${A:-x}-$B_2", ["A", "B_2"]),
        ("plain", []),
        ("$", []),
        ("cost$", []),
    ])
    func variableNames(text: String, names: [String]) {
        #expect(DockerfileModel.variableNames(in: text) == names)
    }
}
