package bot

import "testing"

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<!channel> hi", "&lt;!channel&gt; hi"},
		{"<@U123>", "&lt;@U123&gt;"},
		{"a & b", "a &amp; b"},
		{"&lt;", "&amp;lt;"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
