package graph

import (
	"context"
	"net/http"
	"time"
)

// Job is a provisioning job of a service principal, as far as it tells the
// admin what the token is for: which connector (TemplateID), whether it
// runs, why it is quarantined, how its last run went.
type Job struct {
	ID               string
	TemplateID       string
	Status           string // NotConfigured, NotRun, Active, Paused or Quarantine
	ScheduleState    string // Active, Disabled or Paused
	QuarantineReason string
	LastRun          time.Time // zero when it never ran
	LastRunState     string    // Succeeded, Failed, …
	LastError        string    // the last run's error code and message, if any
}

type jobsBody struct {
	Value []struct {
		ID         string `json:"id"`
		TemplateID string `json:"templateId"`
		Schedule   *struct {
			State string `json:"state"`
		} `json:"schedule"`
		Status *struct {
			Code          string `json:"code"`
			LastExecution *struct {
				TimeBegan string `json:"timeBegan"`
				TimeEnded string `json:"timeEnded"`
				State     string `json:"state"`
				Error     *struct {
					Code    string `json:"code"`
					Message string `json:"message"`
				} `json:"error"`
			} `json:"lastExecution"`
			Quarantine *struct {
				Reason string `json:"reason"`
			} `json:"quarantine"`
		} `json:"status"`
	} `json:"value"`
}

// ListJobs reads the synchronization jobs of the service principal
// spID (GET /servicePrincipals/{id}/synchronization/jobs), which needs no
// more than the token the action itself needs.
func ListJobs(ctx context.Context, c Doer, cloud Cloud, token, spID string) ([]Job, error) {
	token, _ = NormalizeToken(token)
	l := &lookup{ctx: ctx, c: c, cloud: cloud, token: token}
	var body jobsBody
	ok, err := l.get("/servicePrincipals/"+spID+"/synchronization/jobs", &body)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &LookupError{Message: "Graph found no service principal " + spID + " to list jobs for.",
			Response: &Response{Status: http.StatusNotFound}}
	}
	jobs := make([]Job, 0, len(body.Value))
	for _, v := range body.Value {
		j := Job{ID: v.ID, TemplateID: v.TemplateID}
		if v.Schedule != nil {
			j.ScheduleState = v.Schedule.State
		}
		if s := v.Status; s != nil {
			j.Status = s.Code
			if s.Quarantine != nil {
				j.QuarantineReason = s.Quarantine.Reason
			}
			if e := s.LastExecution; e != nil {
				j.LastRunState = e.State
				for _, t := range []string{e.TimeEnded, e.TimeBegan} {
					if at, err := time.Parse(time.RFC3339, t); err == nil && !at.IsZero() && at.Year() > 1 {
						j.LastRun = at
						break
					}
				}
				if e.Error != nil && (e.Error.Code != "" || e.Error.Message != "") {
					j.LastError = e.Error.Code + ": " + e.Error.Message
				}
			}
		}
		jobs = append(jobs, j)
	}
	return jobs, nil
}
