package graph

import "strconv"

// usGovCredentialsBytes is the US Gov clouds' limit on the credentials
// saved for an app's provisioning: [doc] "credentials, notification email
// and SSO certificate notification emails together are limited to 1 KB"
// (Microsoft Entra application provisioning, known issues; see
// ../shared/reference/provisioning-credentials.md, "What Save does with
// keys it does not name"). How Graph counts is not published: synctoken
// counts the bytes of every key and value, and cannot see the emails, so
// going over is a warning, not an error.
const usGovCredentialsBytes = 1 << 10

// usGovCredentialsProblems warns, for the US Gov clouds only, when creds
// together are over usGovCredentialsBytes; nil otherwise. Input.Check
// adds it to the form's problems; a Save's plan should check the whole
// set it leaves saved.
func usGovCredentialsProblems(cloud Cloud, creds []Credential) []Problem {
	if cloud.ID != USGovL4.ID && cloud.ID != USGovL5.ID {
		return nil
	}
	n := 0
	for _, c := range creds {
		n += len(c.Key) + len(c.Value)
	}
	if n <= usGovCredentialsBytes {
		return nil
	}
	return oneProblem(Warning, "The credentials are "+strconv.Itoa(n)+" bytes together (keys and values): in "+cloud.Name+
		", the credentials, the notification email and the SSO certificate notification emails together are limited to 1 KB (1024 bytes), so Graph may refuse them or provisioning may fail. "+
		"Keep each value as short as the connector allows, and the notification email short or empty.")
}
