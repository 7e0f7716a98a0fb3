package graph

// mayBeReplication adds to a 403's explanation that it may be Entra still
// replicating a new object: an app, its service principal or a role
// assignment created in the last few minutes is not yet known everywhere.
// [seen] Terraform's azuread provider retries these calls on 403 (and 409)
// for that reason (../shared/reference/provisioning-credentials.md,
// "Errors admins meet"). synctoken does not retry a 403 by itself: the
// same 403 is as likely a missing permission or role, and the admin knows
// whether anything was just created. Retryable stays as it was (false).
func mayBeReplication(x Explanation) Explanation {
	x.Cause += " If the app, its service principal or your role assignment was created in the last few minutes, this 403 may be Entra still replicating it."
	x.Next += " If you just created one of them, wait a few minutes and send again: synctoken does not retry a 403 by itself."
	return x
}
