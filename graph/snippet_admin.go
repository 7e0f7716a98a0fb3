package graph

import (
	"net/url"
	"strings"
)

// The Admin Credentials calls have Graph PowerShell cmdlets and Graph CLI
// commands of their own, named in Microsoft's published examples:
//
//	validateCredentials on a job   Test-Mg[Beta]ServicePrincipalSynchronizationJobCredential -SynchronizationJobId
//	                               mgc[-beta] service-principals synchronization jobs validate-credentials-by-id post
//	PUT synchronization/secrets    Set-Mg[Beta]ServicePrincipalSynchronizationSecret
//	                               mgc[-beta] service-principals synchronization secrets put
//
// validateCredentials before a job exists has no example to copy, so its
// snippets fall back to Invoke-MgGraphRequest and curl, which send any
// request exactly: a command guessed wrong would be worse than none.

// snippetOp is the Graph call a request URL names.
type snippetOp int

const (
	opAcquire     snippetOp = iota // …/synchronization/acquireAccessToken
	opTestJob                      // …/synchronization/jobs/{jobId}/validateCredentials
	opSaveSecrets                  // PUT …/synchronization/secrets
	opOther                        // anything else, validateCredentials without a job included
)

// snippetOperation reads the call and, for a job's, the job ID from r.
func snippetOperation(r Request) (op snippetOp, jobID string) {
	path := r.URL
	if p, err := url.Parse(r.URL); err == nil {
		path = p.Path
	}
	_, rest, ok := strings.Cut(path, "/synchronization/")
	if !ok {
		return opOther, ""
	}
	segs := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	switch {
	case len(segs) == 1 && strings.EqualFold(segs[0], "acquireAccessToken"):
		return opAcquire, ""
	case len(segs) == 1 && strings.EqualFold(segs[0], "secrets") && r.Method == "PUT":
		return opSaveSecrets, ""
	case len(segs) == 3 && strings.EqualFold(segs[0], "jobs") && strings.EqualFold(segs[2], "validateCredentials"):
		return opTestJob, segs[1]
	}
	return opOther, ""
}

// cmdletCall returns the cmdlet's name and its arguments after the
// object's ID, or ok false when synctoken knows no cmdlet for op.
func cmdletCall(op snippetOp, beta, noun, jobID string) (name, args string, ok bool) {
	switch op {
	case opAcquire:
		return "Get-Mg" + beta + noun + "SynchronizationAccessToken", "", true
	case opTestJob:
		return "Test-Mg" + beta + noun + "SynchronizationJobCredential", " -SynchronizationJobId " + psQuote(jobID), true
	case opSaveSecrets:
		return "Set-Mg" + beta + noun + "SynchronizationSecret", "", true
	}
	return "", "", false
}

// mgcCall returns the Graph CLI's command words after the collection and
// the arguments after the object's ID, or ok false when synctoken knows no
// command for op.
func mgcCall(op snippetOp, jobID string) (words, args string, ok bool) {
	switch op {
	case opAcquire:
		return "synchronization acquire-access-token post", "", true
	case opTestJob:
		return "synchronization jobs validate-credentials-by-id post", " --synchronization-job-id " + bashQuote(jobID), true
	case opSaveSecrets:
		return "synchronization secrets put", "", true
	}
	return "", "", false
}

// noCmdletSnippet is the PowerShell snippet of a call without a known
// cmdlet: Invoke-MgGraphRequest, which sends it exactly.
func (r Request) noCmdletSnippet(body []byte) string {
	return "# The Graph PowerShell SDK has no cmdlet synctoken knows for this call: Invoke-MgGraphRequest sends it exactly.\n" + r.invokeSnippet(body)
}

// noMgcSnippet is the Graph CLI snippet of a call without a known
// command: curl, which sends it exactly.
func (r Request) noMgcSnippet(body []byte) string {
	return "# The Microsoft Graph CLI has no command synctoken knows for this call: curl sends it exactly.\n" + r.curlSnippet(body)
}
