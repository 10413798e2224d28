package blockkit

import "testing"

func TestMrkdwn(t *testing.T) {
	d := Directory{Users: map[string]string{"UALEX": "Alex Morgan"}, Channels: map[string]string{"CTEAM": "team"}}
	tests := []struct{ in, want string }{
		{"*bold* _it_ ~gone~ `x < y`", "<b>bold</b> <i>it</i> <s>gone</s> <code class=\"bk-code\">x &lt; y</code>"},
		// Slack's escapes are undone exactly once: user text stays text.
		{"&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;", "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;"},
		{"hi <@UALEX> in <#CTEAM|team> <!channel>", `hi <span class="bk-mention">@Alex Morgan</span> in <span class="bk-mention">#team</span> <span class="bk-mention">@channel</span>`},
		{"<@UNKNOWN|bob>", `<span class="bk-mention">@bob</span>`},
		{"<https://example.com/a?b=1&amp;c=2|the &lt;site&gt;>", `<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the &lt;site&gt;</a>`},
		{"<javascript:alert(1)|click>", "click"},
		{"<!date^1392734382^{date}|Feb 18>", "Feb 18"},
		{"line 1\nline 2", "line 1<br>line 2"},
		{"&gt; quoted\nplain", `<blockquote class="bk-quote">quoted</blockquote>plain`},
		{"```\n# Title\n*not bold*\n```", `<pre class="bk-pre"># Title` + "\n" + `*not bold*` + "\n" + `</pre>`},
		{"snake_case_name and 2*3*4", "snake_case_name and 2*3*4"},
		{"*<@UALEX>* :+1: :nope:", `<b><span class="bk-mention">@Alex Morgan</span></b> 👍 :nope:`},
		{"``` unclosed", "``` unclosed"},
	}
	for _, tt := range tests {
		if got := d.Mrkdwn(tt.in); got != tt.want {
			t.Errorf("Mrkdwn(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
