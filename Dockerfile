# dockaudit in a container: docker build -t dockaudit .
#   docker run --rm -v "$PWD:/src" -w /src dockaudit lint Dockerfile
FROM swift:6.3-bookworm AS builder
WORKDIR /build
# Package.swift names the test target, so its folder must exist for the build to resolve.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product dockaudit \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/dockaudit" /out/dockaudit

FROM debian:bookworm-slim
COPY --from=builder /out/dockaudit /usr/local/bin/dockaudit
USER 65532:65532
ENTRYPOINT ["dockaudit"]
CMD ["--help"]
