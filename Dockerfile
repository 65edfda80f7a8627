# plugvet in a container: Debian 12, built from this checkout with the
# repository's own steps (tools/install-deps, make, make install; checked by
# tests/cli/27-integrations.t), run as a non-root user.
#
#   docker build -t plugvet .
#   docker run --rm -v "$PWD:/work" plugvet scan . --sarif plugvet.sarif

FROM debian:12 AS build
WORKDIR /src
COPY . .
# The Debian packages the build needs, then tree-sitter and its grammars from
# the npm registry at the versions and sha512 of tools/deps.lock (fetch-deps).
RUN tools/install-deps && rm -rf /var/lib/apt/lists/*
RUN make -j"$(nproc)" build/rel/plugvet build/rel/plugvet-run build/rel/pattern-table build/rel/rule-trees
RUN make install DESTDIR=/out PREFIX=/usr/local

FROM debian:12-slim
# The shared libraries plugvet and plugvet-run link (the test compares them
# with the binaries' NEEDED entries), libcurl4 (opened by `db update` and
# --online), CA certificates for them, git for --staged.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libarchive13 libpcre2-8-0 libjansson4 \
      libyaml-0-2 libssl3 libsqlite3-0 libcurl4 libseccomp2 ca-certificates git \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr/local /usr/local
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin plugvet
USER plugvet
WORKDIR /work
ENTRYPOINT ["plugvet"]
CMD ["--help"]
