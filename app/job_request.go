package app

import "synctoken/graph"

// jobRequest is restart's or start's request as the part stands.
func (ps *provisioningStep) jobRequest(c call, token, requestID string) (graph.Request, error) {
	return jobRequestFor(c, ps.f.syncTarget(token), ps.jobID(), ps.scope, requestID)
}

// jobRequestFor is restart's or start's request (c) on target's job jobID.
func jobRequestFor(c call, target graph.SyncTarget, jobID, scope, requestID string) (graph.Request, error) {
	if c == callStart {
		return graph.StartJobRequest(target, jobID, requestID)
	}
	return graph.RestartJobRequest(target, jobID, scope, requestID)
}
