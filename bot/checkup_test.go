package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"ctocoach/routine"
)

func TestMonthlyCheckInNudgeOffersTheSelfChecks(t *testing.T) {
	cat, err := routine.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	rt, ok := cat.ByID("monthly-self-check")
	if !ok {
		t.Fatal("no monthly-self-check routine")
	}
	blocks := nudgeBlocks(LangFR, rt, nudgeWho{}, "", nudgeRef{}, nudgeState{})
	raw, _ := json.Marshal(blocks)
	for _, want := range []string{`"action_id":"checkup.open","value":"burnout"`, `"value":"stagnation"`, `"value":"isolation"`, "Diagnostic : épuisement"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("monthly check-in nudge lacks %s: %s", want, raw)
		}
	}
	done := nudgeBlocks(LangFR, rt, nudgeWho{}, "", nudgeRef{}, nudgeState{Result: routine.Done})
	if raw, _ := json.Marshal(done); strings.Contains(string(raw), "checkup.open") {
		t.Errorf("a nudge marked done still offers the self-checks: %s", raw)
	}
}
