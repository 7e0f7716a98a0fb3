package app

// call is one of the Graph calls of the Admin Credentials step, as the
// portal's buttons make them. Each is a graph.Request shown, redacted,
// copied and sent the same way (the step adds calls, not a new flow, so
// everything the page says about a request holds for each); the page only
// needs to know which one its panels are about.
type call int

const (
	callAuthorize call = iota // acquireAccessToken: Send request
	callTest                  // validateCredentials: Test connection
	callSave                  // PUT synchronization/secrets: Save credentials
	callRestart               // POST jobs/{jobId}/restart: Restart provisioning (job.go)
	callStart                 // POST jobs/{jobId}/start: Start provisioning (job.go)
)

// endpoint is the call's name in Graph's URL, for the panels and history.
func (c call) endpoint() string {
	switch c {
	case callTest:
		return "validateCredentials"
	case callSave:
		return "secrets (PUT)"
	case callRestart:
		return "restart"
	case callStart:
		return "start"
	}
	return "acquireAccessToken"
}

// button is the page's button that sends the call.
func (c call) button() string {
	switch c {
	case callTest:
		return "Test connection"
	case callSave:
		return "Confirm save"
	case callRestart:
		return "Confirm restart"
	case callStart:
		return "Start provisioning"
	}
	return "Send request"
}

// dataCall is the data-call attribute of the form's parts that make the
// call: focus entering one shows its request in the Request panel.
func (c call) dataCall() string {
	switch c {
	case callTest:
		return "test"
	case callSave:
		return "save"
	case callRestart:
		return "restart"
	case callStart:
		return "start"
	}
	return "authorize"
}

// callNamed reads a dataCall back; anything else is Send request's.
func callNamed(s string) call {
	for _, c := range []call{callTest, callSave, callRestart, callStart} {
		if c.dataCall() == s {
			return c
		}
	}
	return callAuthorize
}
