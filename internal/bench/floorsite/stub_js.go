//go:build js

package floorsite

import "errors"

// Main is native only: in the browser the floors never call it (it sits
// behind app.IsServer), and this stub keeps go-app's server side, the
// generator and brotli out of the floors' wasm.
func Main(name string, args []string) error {
	return errors.New("floorsite: building runs natively, not in the browser")
}
