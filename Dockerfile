FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
# .dockerignore keeps .env (the tokens), .git and build junk out of this copy.
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/ctocoach ./cmd/ctocoach

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ctocoach /ctocoach
USER nonroot:nonroot
# 8742: /healthz, /readyz and /metrics (a port no common service claims).
ENV HTTP_ADDR=0.0.0.0:8742
# One deadline for the whole shutdown; under Docker's default 10 s stop grace.
ENV SHUTDOWN_GRACE=8s
# A soft heap limit: the GC works harder under bursts instead of growing past it.
ENV GOMEMLIMIT=64MiB
EXPOSE 8742
# The image has no shell or curl: the binary asks its own /readyz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["/ctocoach", "health"]
ENTRYPOINT ["/ctocoach"]
CMD ["run"]
