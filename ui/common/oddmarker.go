package common

// OddMarker marks, next to the cursor, a row (token or user) whose name,
// login or project holds control or invisible characters that the row
// shows as escapes (\e, \u202e, \u200b). It is the caret of the caret
// notation of control characters (^[ for ESC), and differs from ! (the
// message log's key).
const OddMarker = '^'

// OddMarkerHelp explains OddMarker in the full help of a page with such
// a row.
const OddMarkerHelp = string(OddMarker) + " next to a row: its name, login or project holds control or invisible characters, shown as escapes such as \\e or \\u200b."

// CutHint ends a message cut to fit its line (the status line, the
// review's failures): the message log (!) has it whole.
const CutHint = " … ! for all"
