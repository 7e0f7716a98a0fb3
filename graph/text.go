package graph

// pair is one row of a small lookup table (labels, names, options): a
// slice of pairs costs the wasm less than a map and keeps its order.
type pair struct{ key, value string }

// valueOf returns the value of key in table.
func valueOf(table []pair, key string) (string, bool) {
	for _, p := range table {
		if p.key == key {
			return p.value, true
		}
	}
	return "", false
}
