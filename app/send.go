package app

import (
	"context"
	"errors"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// renderSend renders Send, disabled with the reasons while the form is
// invalid or a request is in flight.
func (p *Page) renderSend(checked graph.Checked) app.UI {
	reasons := checked.Errors()
	if p.sending {
		reasons = []string{"A request is in flight."}
	}
	send := app.Button().ID("send").Type("button").Text("Send request").OnClick(p.onSend)
	if len(reasons) > 0 {
		send = send.Disabled(true) // go-app would write disabled="false" otherwise
	}
	return app.Div().Class("send").Body(
		send,
		app.If(p.sending,
			app.Button().ID("cancel").Class("secondary").Type("button").Text("Cancel").OnClick(p.onCancel),
		),
		app.If(len(reasons) > 0,
			app.Div().ID("send-blocked").Class("blocked").Aria("live", "polite").Body(
				app.P().Text("Send is disabled:"),
				app.Ul().Body(app.Range(reasons).Slice(func(i int) app.UI { return app.Li().Text(reasons[i]) })),
			),
		),
	)
}

func (p *Page) onSend(ctx app.Context, e app.Event) {
	if p.sending {
		return // a second click while the first is in flight sends nothing
	}
	in, requestID := p.input(), p.requestID
	if _, err := graph.Build(in, requestID); err != nil {
		return // Send is disabled and says why
	}
	cctx, cancel := context.WithCancel(context.Background())
	p.sending, p.cancel, p.sent, p.response, p.sendErr, p.explained, p.support = true, cancel, nil, nil, "", nil, ""
	cloud, kind := in.Cloud, in.Kind
	p.requestID = graph.NewRequestID() // the next send gets a fresh id
	ctx.Async(func() {
		var (
			req  graph.Request
			resp graph.Response
		)
		token, err := p.freshToken(cctx)
		if err == nil {
			in.Token = token
			if req, err = graph.Build(in, requestID); err == nil {
				resp, err = graph.Send(cctx, &graph.Client{}, req)
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			cancel()
			p.sending, p.cancel = false, nil
			if token != "" {
				p.token = token
			}
			if req.URL != "" {
				p.sent = &req
			}
			var respp *graph.Response
			if err == nil {
				respp = &resp
			}
			var claims *graph.Claims
			if c, cerr := graph.DecodeToken(token); cerr == nil {
				claims = &c
			}
			x := graph.Explain(respp, err, claims, cloud, kind)
			p.explained, p.support = &x, graph.SupportDetails(req, respp, cloud)
			if err != nil {
				var se *graph.SendError
				if errors.As(err, &se) {
					p.sendErr = se.Message
				} else {
					p.sendErr = err.Error()
				}
				return
			}
			p.response = &resp
		})
	})
}

func (p *Page) onCancel(ctx app.Context, e app.Event) {
	if p.cancel != nil {
		p.cancel()
	}
}
