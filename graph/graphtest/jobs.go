package graphtest

import (
	"net/http"
	"strings"
	"time"
)

// The synchronization jobs of the seeded service principals, in Graph's
// synchronizationJob shape (v1.0), so that a client can show an admin why
// provisioning needs new credentials before it calls acquireAccessToken.
// Member names and values follow Microsoft's documentation of
// synchronizationJob, synchronizationStatus, synchronizationTaskExecution,
// synchronizationQuarantine and synchronizationError. Nullable members are
// pointers: Graph sends null for them, not an absent member.

// Job is a synchronizationJob.
type Job struct {
	ID         string      `json:"id"`
	TemplateID string      `json:"templateId"`
	Schedule   JobSchedule `json:"schedule"`
	Status     JobStatus   `json:"status"`
	// Settings are the job's synchronizationJobSettings.
	Settings []KeyValue `json:"synchronizationJobSettings"`
}

// JobSchedule is a synchronizationSchedule. Interval is an ISO 8601
// duration; State is Active, Disabled or Paused.
type JobSchedule struct {
	Expiration *time.Time `json:"expiration"`
	Interval   string     `json:"interval"`
	State      string     `json:"state"`
}

// JobStatus is a synchronizationStatus. Code is NotConfigured, NotRun,
// Active, Paused or Quarantine. A steady state never reached reads
// 0001-01-01T00:00:00Z, as in Graph.
type JobStatus struct {
	Code                               string         `json:"code"`
	CountSuccessiveCompleteFailures    int64          `json:"countSuccessiveCompleteFailures"`
	EscrowsPruned                      bool           `json:"escrowsPruned"`
	LastExecution                      *JobExecution  `json:"lastExecution"`
	LastSuccessfulExecution            *JobExecution  `json:"lastSuccessfulExecution"`
	LastSuccessfulExecutionWithExports *JobExecution  `json:"lastSuccessfulExecutionWithExports"`
	Quarantine                         *JobQuarantine `json:"quarantine"`
	SteadyStateFirstAchievedTime       time.Time      `json:"steadyStateFirstAchievedTime"`
	SteadyStateLastAchievedTime        time.Time      `json:"steadyStateLastAchievedTime"`
	SynchronizedEntryCountByType       []KeyCount     `json:"synchronizedEntryCountByType"`
	TroubleshootingURL                 *string        `json:"troubleshootingUrl"`
}

// JobExecution is a synchronizationTaskExecution: one run of the job.
// State is Succeeded, Failed or EntryLevelErrors.
type JobExecution struct {
	ActivityIdentifier           string    `json:"activityIdentifier"`
	CountEntitled                int64     `json:"countEntitled"`
	CountEntitledForProvisioning int64     `json:"countEntitledForProvisioning"`
	CountEscrowed                int64     `json:"countEscrowed"`
	CountEscrowedRaw             int64     `json:"countEscrowedRaw"`
	CountExported                int64     `json:"countExported"`
	CountExports                 int64     `json:"countExports"`
	CountImported                int64     `json:"countImported"`
	CountImportedDeltas          int64     `json:"countImportedDeltas"`
	CountImportedReferenceDeltas int64     `json:"countImportedReferenceDeltas"`
	Error                        *JobError `json:"error"`
	State                        string    `json:"state"`
	TimeBegan                    time.Time `json:"timeBegan"`
	TimeEnded                    time.Time `json:"timeEnded"`
}

// JobQuarantine is a synchronizationQuarantine. Reason is one of
// EncounteredBaseEscrowThreshold, EncounteredTotalEscrowThreshold,
// EncounteredEscrowProportionThreshold, EncounteredQuarantineException,
// Unknown, QuarantinedOnDemand, TooManyDeletes, IngestionInterrupted.
type JobQuarantine struct {
	CurrentBegan time.Time `json:"currentBegan"`
	NextAttempt  time.Time `json:"nextAttempt"`
	Reason       string    `json:"reason"`
	SeriesBegan  time.Time `json:"seriesBegan"`
	SeriesCount  int64     `json:"seriesCount"`
	Error        *JobError `json:"error"`
}

// JobError is a synchronizationError.
type JobError struct {
	Code             string `json:"code"`
	Message          string `json:"message"`
	TenantActionable bool   `json:"tenantActionable"`
}

// KeyValue is a keyValuePair.
type KeyValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// KeyCount is a stringKeyLongValuePair.
type KeyCount struct {
	Key   string `json:"key"`
	Value int64  `json:"value"`
}

// Jobs returns the seeded synchronization jobs of the service principal
// whose object id is servicePrincipalID (in any case), as
// GET /servicePrincipals/{id}/synchronization/jobs lists them; nil for an
// unknown id. Each call returns fresh values that the caller may change.
//
//   - Contoso Salesforce Provisioning (ServicePrincipals[0]): one job in
//     Quarantine (reason EncounteredQuarantineException), its last run
//     Failed with SalesforceInvalidCredentials: new credentials are needed.
//   - Fabrikam SCIM Connector (ServicePrincipals[1]): one Active job whose
//     last run Succeeded.
//   - The service principal named EvilDisplayName (ServicePrincipals[2]):
//     one Paused job whose error message carries markup and whose
//     troubleshootingUrl is a javascript: URL, for a client's XSS tests.
func Jobs(servicePrincipalID string) []Job {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic("graphtest: seeded time " + s + ": " + err.Error())
		}
		return t
	}
	never := time.Time{}.UTC()
	settings := func() []KeyValue {
		return []KeyValue{{"QuarantineTooManyDeletesThreshold", "500"}}
	}
	switch {
	case strings.EqualFold(servicePrincipalID, ServicePrincipals[0].ObjectID):
		badCredentials := func() *JobError {
			return &JobError{Code: "SalesforceInvalidCredentials", TenantActionable: true,
				Message: "The Salesforce credentials are not valid. Get a current administrator user name, " +
					"password and security token from Salesforce and enter them in the provisioning configuration."}
		}
		succeeded := func() *JobExecution {
			return &JobExecution{ActivityIdentifier: "6a0f3d2e-9b41-4c7a-8e15-2d9c0b7f4a31", CountEntitled: 42,
				CountEntitledForProvisioning: 42, CountExported: 3, CountExports: 3, CountImported: 45,
				CountImportedDeltas: 3, State: "Succeeded",
				TimeBegan: at("2025-11-13T06:20:04Z"), TimeEnded: at("2025-11-13T06:21:37Z")}
		}
		return []Job{{
			ID:         "salesforce.e0c2f7a95b1d4c8e9f3a6b2d7c1e4f58." + TenantID,
			TemplateID: "salesforce",
			Schedule:   JobSchedule{Interval: "PT40M", State: "Active"},
			Status: JobStatus{
				Code: "Quarantine", CountSuccessiveCompleteFailures: 7,
				LastExecution: &JobExecution{ActivityIdentifier: "c41e8b7a-2f93-4d06-a5c8-7e1b9d3f0a62",
					CountEntitled: 42, CountEntitledForProvisioning: 42, Error: badCredentials(), State: "Failed",
					TimeBegan: at("2025-11-20T07:40:12Z"), TimeEnded: at("2025-11-20T07:40:19Z")},
				LastSuccessfulExecution:            succeeded(),
				LastSuccessfulExecutionWithExports: succeeded(),
				Quarantine: &JobQuarantine{CurrentBegan: at("2025-11-20T07:40:19Z"), NextAttempt: at("2025-11-20T19:40:19Z"),
					Reason: "EncounteredQuarantineException", SeriesBegan: at("2025-11-14T02:00:11Z"), SeriesCount: 6,
					Error: badCredentials()},
				SteadyStateFirstAchievedTime: at("2025-10-02T09:15:00Z"),
				SteadyStateLastAchievedTime:  at("2025-11-13T06:21:37Z"),
				SynchronizedEntryCountByType: []KeyCount{},
			},
			Settings: settings(),
		}}
	case strings.EqualFold(servicePrincipalID, ServicePrincipals[1].ObjectID):
		last := func() *JobExecution {
			return &JobExecution{ActivityIdentifier: "0d9e4a1b-7c35-4f28-b6e0-3a8f2c1d5e94", CountEntitled: 128,
				CountEntitledForProvisioning: 128, CountExported: 2, CountExports: 2, CountImported: 130,
				CountImportedDeltas: 2, State: "Succeeded",
				TimeBegan: at("2025-11-20T08:00:03Z"), TimeEnded: at("2025-11-20T08:00:41Z")}
		}
		return []Job{{
			ID:         "scim.4b7d2e9a1c3f4e6b8a0d5c7e9f1b3a26." + TenantID,
			TemplateID: "scim",
			Schedule:   JobSchedule{Interval: "PT40M", State: "Active"},
			Status: JobStatus{
				Code: "Active", LastExecution: last(), LastSuccessfulExecution: last(),
				LastSuccessfulExecutionWithExports: last(),
				SteadyStateFirstAchievedTime:       at("2025-09-18T11:02:00Z"),
				SteadyStateLastAchievedTime:        at("2025-11-20T08:00:41Z"),
				SynchronizedEntryCountByType:       []KeyCount{},
			},
			Settings: settings(),
		}}
	case strings.EqualFold(servicePrincipalID, ServicePrincipals[2].ObjectID):
		troubleshooting := "javascript:window.__pwned=3"
		return []Job{{
			ID:         "scim.9f8e7d6c5b4a49388271605f4e3d2c1b." + TenantID,
			TemplateID: "scim",
			Schedule:   JobSchedule{Interval: "PT40M", State: "Paused"},
			Status: JobStatus{
				Code: "Paused", CountSuccessiveCompleteFailures: 1,
				LastExecution: &JobExecution{ActivityIdentifier: "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716",
					Error: &JobError{Code: "SystemForCrossDomainIdentityManagementServiceIncompatible", TenantActionable: true,
						Message: `<script>window.__pwned=2</script><b>The SCIM endpoint</b> answered <img src=x onerror="window.__pwned=2">`},
					State: "Failed", TimeBegan: at("2025-11-19T22:10:00Z"), TimeEnded: at("2025-11-19T22:10:05Z")},
				SteadyStateFirstAchievedTime: never,
				SteadyStateLastAchievedTime:  never,
				SynchronizedEntryCountByType: []KeyCount{},
				TroubleshootingURL:           &troubleshooting,
			},
			Settings: settings(),
		}}
	}
	return nil
}

// jobs answers GET .../{id}/synchronization/jobs and .../jobs/{jobId}.
// Jobs run for a service principal; addressed through its application
// (/applications/{id}/synchronization/jobs), the sandbox lists the same
// jobs, those of the service principal with the application's appId.
func (s *Server) jobs(rt route) (any, *apiError) {
	o, err := rt.lookUp()
	if err != nil {
		return nil, err
	}
	sp, _ := rt.servicePrincipal()
	list := s.runs.apply(Jobs(sp.ObjectID), time.Now().UTC())
	base := s.Audience() + "/" + rt.version + "/$metadata#" + rt.collection + "('" + o.ObjectID + "')/synchronization/jobs"
	if rt.jobID == "" {
		if list == nil {
			list = []Job{}
		}
		return object{{"@odata.context", base}, {"value", list}}, nil
	}
	for _, j := range list {
		if strings.EqualFold(j.ID, rt.jobID) {
			return struct {
				Context string `json:"@odata.context"`
				Job
			}{base + "/$entity", j}, nil
		}
	}
	return nil, &apiError{http.StatusNotFound, "NotFound", "The job '" + rt.jobID + "' was not found."}
}
