package retro

import (
	"fmt"
	"testing"
)

// benchBoard is a revealed sailboat with 500 cards, 50 actions and votes.
func benchBoard(b *testing.B) Board {
	b.Helper()
	return layoutBoard(b, MustFormat(b, FormatSailboat), PhaseVote, 500, 50, 5)
}

func BenchmarkAddCard500(b *testing.B) {
	for b.Loop() {
		board := MustBoard(b, PhaseCollect)
		for i := range 500 {
			if _, err := board.AddCard(CardInput{ID: fmt.Sprintf("c%d", i), Zone: "wind", Text: "a card", Author: "U"}, t0); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkPlan500(b *testing.B) {
	board := benchBoard(b)
	for b.Loop() {
		Plan(board, "en", Limits{})
	}
}

func BenchmarkSummarize500(b *testing.B) {
	board := benchBoard(b)
	for b.Loop() {
		Summarize(board, "fr")
	}
}

func BenchmarkMarkdown500(b *testing.B) {
	board := benchBoard(b)
	for b.Loop() {
		Markdown(board, "en", nil)
	}
}

func BenchmarkSearchStandards(b *testing.B) {
	list := make([]Standard, 200)
	for i := range list {
		list[i] = Standard{ID: fmt.Sprint(i), Title: fmt.Sprintf("Règle numéro %d", i), Text: "Revue de code par deux développeurs avant chaque fusion."}
	}
	for b.Loop() {
		SearchStandards(list, "développeurs fusion")
	}
}
