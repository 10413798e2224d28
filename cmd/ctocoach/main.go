// Command ctocoach is the CTO-coaching Slack app.
//
//	ctocoach [run]        start the bot (configuration from the environment)
//	ctocoach health       exit 0 when /readyz on HTTP_ADDR answers 200 (for HEALTHCHECK)
//	ctocoach version      print the version
//	ctocoach --help       list the environment variables
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // zones for a distroless image

	"ctocoach/config"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one subcommand and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "", "run":
		return serve(stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "ctocoach", version)
		return 0
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	default:
		if h, ok := subcommands[cmd]; ok {
			return h(args, stdout, stderr)
		}
		fmt.Fprintf(stderr, "ctocoach: unknown command %q (try ctocoach --help)\n", cmd)
		return 2
	}
}

// subcommands are the extra commands (ask, corpus check), registered by the
// files that implement them.
var subcommands = map[string]func(args []string, stdout, stderr io.Writer) int{}

func usage(w io.Writer) {
	fmt.Fprint(w, `ctocoach — a Slack app that coaches CTOs.

Usage:
  ctocoach [run]                    start the bot (Socket Mode)
  ctocoach playground [--addr 127.0.0.1:8088]   the whole app in a browser, on an emulated Slack (no tokens)
  ctocoach ask "<question>" [--lang fr|en]   answer from the corpus in the terminal
  ctocoach corpus check [DIR]       validate advice cards (the embedded ones, or DIR)
  ctocoach eval [--dev] [-q] [FILE] relevance figures (default: the held-out set)
  ctocoach health                   exit 0 when /readyz on HTTP_ADDR answers 200, else 1 with one line
  ctocoach version                  print the version

Configuration (environment variables):
`)
	config.Usage(w)
}

func serve(stderr io.Writer) int {
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(stderr, "ctocoach: configuration:", err)
		return 2
	}
	log := newLogger(cfg, stderr)
	m := NewMain(cfg, log)
	ctx := context.Background()
	if err := m.Run(ctx); err != nil {
		fmt.Fprintln(stderr, "ctocoach:", err)
		return exitStatus(err)
	}
	log.Info("ctocoach started", "version", version, "http", m.HTTPAddr)

	sig := make(chan os.Signal, 2)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	status := 0
	select {
	case s := <-sig:
		log.Info("shutting down; a second signal exits at once", "signal", s.String())
		go func() {
			<-sig
			fmt.Fprintln(stderr, "ctocoach: second signal, exiting now")
			os.Exit(1)
		}()
	case <-m.Done():
		if _, refused := errors.AsType[*tokenError](m.Err()); refused {
			fmt.Fprintln(stderr, "ctocoach:", m.Err())
		} else {
			log.Error("a component failed; shutting down", "err", m.Err())
		}
		status = exitStatus(m.Err())
	}
	// When a component failed (Main stopped on its own), Close waits for the
	// others within the grace and returns that error again: it has been
	// reported above and decides the status.
	if err := m.Close(); err != nil && (m.Err() == nil || !errors.Is(err, m.Err())) {
		log.Error("shutdown", "err", err)
		status = max(status, 1)
	}
	return status
}

// exitStatus is 2 for what only the operator can fix (a token Slack
// refused, like a configuration error), 1 otherwise.
func exitStatus(err error) int {
	if _, refused := errors.AsType[*tokenError](err); refused {
		return 2
	}
	return 1
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
