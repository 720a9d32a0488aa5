# The5HC container image (OPERATIONS.md §3; docs/deploy.md). Two stages: Debian 12 with the compiler, the -dev
# packages and npm (the front-end packages come from package-lock.json through `npm ci` during the CMake build),
# then Debian 12 slim with only the runtime libraries, Nanum fonts for PDFs and postgresql-client for backups.
#   docker build -t the5hc .
#   docker run -d -p 8000:8000 -v the5hc-data:/data -e SECRET_KEY=... -e ALLOWED_HOSTS=studio.example.com the5hc
# tests/deploy/deploy_files.sh checks that every package named here exists in Debian 12.

FROM debian:12 AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config git ca-certificates nodejs npm gettext \
      libpoco-dev libsoci-dev libsqlite3-dev libpq-dev libcpp-jwt-dev libsodium-dev libcrypt-dev libssl-dev \
      libcairo2-dev libpango1.0-dev libkainjow-mustache-dev libboost-locale1.81-dev libspdlog-dev libfmt-dev \
      libcli11-dev nlohmann-json3-dev libgtest-dev libgmock-dev libxlsxwriter-dev libhiredis-dev \
      fonts-nanum fontconfig \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
 && cmake --build /build --target the5hc -j "$(nproc)" \
 && strip --strip-debug /build/the5hc \
 && /build/the5hc version

FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates fonts-nanum fontconfig postgresql-client \
      libpocofoundation80 libpoconet80 libpoconetssl80 libpococrypto80 libpocoutil80 libsoci-core4.0 libsoci-sqlite3-4.0 libsoci-postgresql4.0 \
      libsqlite3-0 libpq5 libsodium23 libcrypt1 libssl3 libcairo2 libpango-1.0-0 libpangocairo-1.0-0 \
      libpangoft2-1.0-0 libglib2.0-0 libxlsxwriter4 libhiredis0.14 libstdc++6 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 the5hc \
 && useradd --system --uid 10001 --gid the5hc --home-dir /data --shell /usr/sbin/nologin the5hc \
 && mkdir -p /data/backups && chown -R the5hc:the5hc /data && chmod 0700 /data
COPY --from=build /build/the5hc /usr/local/bin/the5hc
COPY --from=build /src/docs/deploy.md /usr/local/share/doc/the5hc/deploy.md
USER the5hc
WORKDIR /data
VOLUME /data
ENV DATABASE_URL=sqlite:////data/the5hc.sqlite3 BACKUP_DIR=/data/backups HOST=0.0.0.0 PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["the5hc", "check", "--url", "http://127.0.0.1:8000/healthz"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["the5hc"]
CMD ["serve"]
