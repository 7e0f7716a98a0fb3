// Code generated from secretkeys.tsv by TestKeyConstantsMatchTable; DO NOT EDIT.
// To refresh after copying a new secretkeys.tsv: go test ./graph -run TestKeyConstantsMatchTable -update-keys

package graph

// The names of Graph's synchronizationSecret enum (secretkeys.tsv), one
// constant each: the only place in graph and app where a credential key is
// spelled, so that a mistyped key is a compile error rather than Graph's
// 400 "Requested value … was not found" (TestNoKeyLiteralOutsideItsTable).
const (
	KeyNone                            = "None"                            // 0
	KeyUserName                        = "UserName"                        // 1
	KeyPassword                        = "Password"                        // 2
	KeySecretToken                     = "SecretToken"                     // 3
	KeyAppKey                          = "AppKey"                          // 4
	KeyBaseAddress                     = "BaseAddress"                     // 5
	KeyClientIdentifier                = "ClientIdentifier"                // 6
	KeyClientSecret                    = "ClientSecret"                    // 7
	KeySingleSignOnType                = "SingleSignOnType"                // 11
	KeySandbox                         = "Sandbox"                         // 12
	KeyUrl                             = "Url"                             // 13
	KeyDomain                          = "Domain"                          // 14
	KeyConsumerKey                     = "ConsumerKey"                     // 15
	KeyConsumerSecret                  = "ConsumerSecret"                  // 16
	KeyTokenKey                        = "TokenKey"                        // 17
	KeyTokenExpiration                 = "TokenExpiration"                 // 18
	KeyOauth2AccessToken               = "Oauth2AccessToken"               // 19
	KeyOauth2AccessTokenCreationTime   = "Oauth2AccessTokenCreationTime"   // 20
	KeyOauth2RefreshToken              = "Oauth2RefreshToken"              // 21
	KeySyncAll                         = "SyncAll"                         // 22
	KeyInstanceName                    = "InstanceName"                    // 24
	KeyOauth2ClientId                  = "Oauth2ClientId"                  // 27
	KeyOauth2ClientSecret              = "Oauth2ClientSecret"              // 28
	KeyCompanyId                       = "CompanyId"                       // 29
	KeyUpdateKeyOnSoftDelete           = "UpdateKeyOnSoftDelete"           // 30
	KeySynchronizationSchedule         = "SynchronizationSchedule"         // 33
	KeySystemOfRecord                  = "SystemOfRecord"                  // 34
	KeySandboxName                     = "SandboxName"                     // 35
	KeyEnforceDomain                   = "EnforceDomain"                   // 36
	KeySyncNotificationSettings        = "SyncNotificationSettings"        // 37
	KeySkipOutOfScopeDeletions         = "SkipOutOfScopeDeletions"         // 40
	KeyOauth2AuthorizationCode         = "Oauth2AuthorizationCode"         // 62
	KeyOauth2RedirectUri               = "Oauth2RedirectUri"               // 63
	KeyApplicationTemplateIdentifier   = "ApplicationTemplateIdentifier"   // 64
	KeyOauth2TokenExchangeUri          = "Oauth2TokenExchangeUri"          // 65
	KeyOauth2AuthorizationUri          = "Oauth2AuthorizationUri"          // 66
	KeyAuthenticationType              = "AuthenticationType"              // 67
	KeyServer                          = "Server"                          // 70
	KeyPerformInboundEntitlementGrants = "PerformInboundEntitlementGrants" // 100
	KeyHardDeletesEnabled              = "HardDeletesEnabled"              // 101
	KeySyncAgentCompatibilityKey       = "SyncAgentCompatibilityKey"       // 102
	KeySyncAgentADContainer            = "SyncAgentADContainer"            // 103
	KeyValidateDomain                  = "ValidateDomain"                  // 206
	KeyTestReferences                  = "TestReferences"                  // 207
	KeyConnectionString                = "ConnectionString"                // 250
)
