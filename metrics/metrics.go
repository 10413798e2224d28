// Package metrics holds ctocoach's Prometheus collectors, registered on a
// registry of their own (not the global one) so that several instances can
// live in one test process.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is the set of collectors the program updates.
type Metrics struct {
	Registry *prometheus.Registry

	// Envelopes counts Socket Mode envelopes by type (slash_commands, interactive, events_api).
	Envelopes *prometheus.CounterVec
	// Duplicates counts re-delivered envelopes that were skipped.
	Duplicates prometheus.Counter
	// AckLatency observes the time from reading an envelope to sending its ack.
	AckLatency prometheus.Histogram
	// SlackCalls counts Web API calls by method and outcome (ok, error, ratelimited, http_5xx, transport).
	SlackCalls *prometheus.CounterVec
	// RateLimited counts 429 answers by method.
	RateLimited *prometheus.CounterVec
	// Panics counts handler panics by envelope type.
	Panics *prometheus.CounterVec
	// Feedback counts advice feedback by vote (up, down).
	Feedback *prometheus.CounterVec
	// Nudges counts scheduler outcomes (scheduled, sent, failed, late, skipped).
	Nudges *prometheus.CounterVec
	// QueueDepth is the number of due-queue entries.
	QueueDepth prometheus.Gauge
	// BoardUpdates counts retro board message updates (sent, coalesced).
	BoardUpdates *prometheus.CounterVec
}

// New creates and registers every collector.
func New() *Metrics {
	r := prometheus.NewRegistry()
	m := &Metrics{
		Registry: r,
		Envelopes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctocoach_envelopes_total", Help: "Socket Mode envelopes received, by type.",
		}, []string{"type"}),
		Duplicates: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "ctocoach_envelopes_duplicate_total", Help: "Re-delivered envelopes skipped.",
		}),
		AckLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "ctocoach_ack_latency_seconds", Help: "Time from reading an envelope to acking it.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .5, 1, 3},
		}),
		SlackCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctocoach_slack_api_calls_total", Help: "Slack Web API calls by method and outcome.",
		}, []string{"method", "outcome"}),
		RateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctocoach_slack_api_ratelimited_total", Help: "Slack 429 answers by method.",
		}, []string{"method"}),
		Panics: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctocoach_handler_panics_total", Help: "Recovered handler panics by envelope type.",
		}, []string{"type"}),
		Feedback: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctocoach_advice_feedback_total", Help: "Advice card feedback by vote.",
		}, []string{"vote"}),
		Nudges: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctocoach_nudges_total", Help: "Routine nudges by outcome.",
		}, []string{"outcome"}),
		QueueDepth: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "ctocoach_due_queue_depth", Help: "Entries waiting in the due-queue.",
		}),
		BoardUpdates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctocoach_board_updates_total", Help: "Retro board message renders by outcome (sent, coalesced).",
		}, []string{"outcome"}),
	}
	r.MustRegister(m.Envelopes, m.Duplicates, m.AckLatency, m.SlackCalls, m.RateLimited, m.Panics,
		m.Feedback, m.Nudges, m.QueueDepth, m.BoardUpdates,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
}
