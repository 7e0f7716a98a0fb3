// Package app holds synctoken's go-app components. They keep the form's
// state, render it, and call package graph for everything about the Graph
// call: they never build URLs, JSON or headers themselves.
package app
