# syntax=docker/dockerfile:1
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/ctocoach ./cmd/ctocoach

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ctocoach /ctocoach
USER nonroot:nonroot
ENV HTTP_ADDR=0.0.0.0:8080
# A soft heap limit: the GC works harder under bursts instead of growing past it.
ENV GOMEMLIMIT=64MiB
EXPOSE 8080
ENTRYPOINT ["/ctocoach"]
CMD ["run"]
