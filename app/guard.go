package app

import (
	"fmt"
	"runtime/debug"
	"sync/atomic"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A Go panic in the wasm would stop the whole program and leave a page that
// does not answer. Every event handler of the page, and every action
// handler and lifecycle hook go-app calls, starts with
// `defer recovered(ctx)` (handlers_test.go checks it), and every ctx.Async
// and ctx.Dispatch function goes through async or dispatch, which recover
// the same way and report the panic to the page (actionPanic); the page
// then shows what happened with a Reload button, and keeps the form as it
// was.
//
// Handlers are not wrapped in a common function: go-app v9 tells handlers
// apart by their code pointer, so wrapped handlers would all look alike and
// an element reused for another purpose would keep its old handler.
// web/synctoken.js is the last resort for a panic nothing recovered.

const actionPanic = "synctoken.panic"

// busy counts the async work under way: requests in flight, retry
// waits, read-backs. Sandbox builds expose it (exposeTestHooks), so a
// browser test can wait until the page has finished before it checks that
// something did not happen; a check after a fixed sleep passes vacuously
// exactly when the machine is slowest.
var busy atomic.Int32

// async runs fn like ctx.Async, recovering a panic.
func async(ctx app.Context, fn func()) {
	busy.Add(1)
	ctx.Async(func() {
		defer busy.Add(-1)
		defer recovered(ctx)
		fn()
	})
}

// dispatch runs fn like ctx.Dispatch, recovering a panic.
func dispatch(ctx app.Context, fn func(app.Context)) {
	ctx.Dispatch(func(ctx app.Context) {
		defer recovered(ctx)
		fn(ctx)
	})
}

// dispatch, as a method, runs with the page's own context (session.own),
// for what belongs to no session: the network's state, the clock, a relay.
// Work of a session goes through run or a ticket.
func (p *Page) dispatch(ctx app.Context, fn func(app.Context)) { dispatch(p.session.own(ctx), fn) }

func recovered(ctx app.Context) {
	if v := recover(); v != nil {
		msg := fmt.Sprint(v)
		app.Log("synctoken: recovered from a panic: " + msg + "\n" + string(debug.Stack()))
		ctx.NewActionWithValue(actionPanic, msg)
	}
}

// renderCrash shows a recovered panic, with a way out.
func (p *Page) renderCrash() app.UI {
	if p.crash == "" {
		return nil
	}
	return el("div#crash.banner.error[aria-live=assertive]",
		el("p",
			textEl("strong", "Something went wrong inside synctoken: "),
			textEl("span#crash-message", p.crash),
			app.Text(". The page kept what you typed; if it misbehaves, reload it (values and the token are not kept)."),
		),
		button("crash-reload", "", "Reload").On("click", func(ctx app.Context, e app.Event) {
			defer recovered(ctx)
			ctx.Reload()
		}),
		button("crash-dismiss", "secondary", "Dismiss").On("click", func(ctx app.Context, e app.Event) {
			defer recovered(ctx)
			p.crash = ""
		}),
	)
}

// exposeTestHooks gives the browser tests two hooks, in sandbox builds
// only (make run, tests; never a published site). synctokenBusy() is the
// number of async works under way (busy). synctokenPanic("handler") panics
// inside a dispatched function, which guard recovers;
// synctokenPanic("goroutine") panics where nothing can, and stops the wasm.
func exposeTestHooks(ctx app.Context) {
	app.Window().Set("synctokenBusy", app.FuncOf(func(this app.Value, args []app.Value) any {
		return int(busy.Load())
	}))
	app.Window().Set("synctokenPanic", app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) > 0 && args[0].String() == "goroutine" {
			go panic("synctoken test panic in a goroutine")
			return nil
		}
		dispatch(ctx, func(ctx app.Context) { panic("synctoken test panic in a handler") })
		return nil
	}))
}
