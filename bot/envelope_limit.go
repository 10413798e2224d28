package bot

// MaxEnvelope is the largest Socket Mode message the bot reads (passed to
// socketmode.OptionReadLimit); a bigger one closes the connection, which
// reconnects, instead of being buffered whole. slack-go's default is no
// limit at all (a 16 MB envelope took the process from 32 to 127 MiB).
//
// Slack publishes no cap on envelope size, so the figure comes from the
// largest payload its published limits allow: a view_submission carries its
// view (at most 100 blocks, text objects of at most 3,000 characters) and
// its state (at most 100 inputs of at most 3,000 characters each), i.e.
// about 600,000 characters, or under 2 MiB of JSON even if every character
// were a 6-byte \uXXXX escape; a message event is smaller (text at most
// 40,000 characters, 50 blocks). 4 MiB is twice that worst case.
const MaxEnvelope = 4 << 20
