// Command hello is the smallest Go wasm with a package of its own beside
// the runtime: wasmsize's tests read it.
package main

import "fmt"

func main() { fmt.Println(greeting("wasm")) }

//go:noinline
func greeting(who string) string { return "hello, " + who }
