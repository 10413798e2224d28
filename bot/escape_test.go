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

func TestUnescapeUndoesSlackOnce(t *testing.T) {
	tests := []struct{ wire, typed string }{
		{"R&amp;D", "R&D"},
		{"&lt;!channel&gt; hi", "<!channel> hi"},
		{"&amp;lt;", "&lt;"}, // the user typed "&lt;": decoded once, not twice
		{"a &gt; b &amp;&amp; c", "a > b && c"},
		{"<#C123|team>", "<#C123|team>"}, // Slack's markup is not escaped
		{"plain", "plain"},
	}
	for _, tt := range tests {
		got := Unescape(tt.wire)
		if got != tt.typed {
			t.Errorf("Unescape(%q) = %q, want %q", tt.wire, got, tt.typed)
		}
		if tt.wire != "<#C123|team>" && Escape(got) != tt.wire {
			t.Errorf("Escape(Unescape(%q)) = %q, want the wire text back", tt.wire, Escape(got))
		}
	}
}
