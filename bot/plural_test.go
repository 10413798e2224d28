package bot

import "testing"

func TestTrnPicksTheFormByLanguage(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{LangEN, 0, "✅ Saved: 0 routines. Next:"},
		{LangEN, 1, "✅ Saved: 1 routine. Next:"},
		{LangEN, 2, "✅ Saved: 2 routines. Next:"},
		{LangFR, 0, "✅ C'est enregistré : 0 rituel. Prochain envoi :"},
		{LangFR, 1, "✅ C'est enregistré : 1 rituel. Prochain envoi :"},
		{LangFR, 2, "✅ C'est enregistré : 2 rituels. Prochains envois :"},
	}
	for _, tt := range tests {
		if got := Tn(tt.lang, "settings.saved", tt.n, tt.n); got != tt.want {
			t.Errorf("trn(%s, settings.saved, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}
