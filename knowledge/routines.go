package knowledge

import _ "embed" // for the routine catalogue below

// RoutinesYAML is the routine catalogue (weekly, monthly and quarterly
// anti-isolation routines, in French and English), parsed and validated by
// package routine.
//
//go:embed routines.yaml
var RoutinesYAML []byte
