//go:build js

package site

import "errors"

var errNative = errors.New("site: serving and building run natively, not in the browser")

// Main is native only.
func Main(args []string) error { return errNative }

// Build is native only.
func Build(c BuildConfig) error { return errNative }

// Serve is native only.
func Serve(c ServeConfig) error { return errNative }
