package bot

// Texts is every registered sentence, for the external tests.
var Texts = texts
