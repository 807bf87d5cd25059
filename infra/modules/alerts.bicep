// Alerts of a stamp, evaluated every five minutes over its workspace (Application Insights is workspace-based, so the
// app's requests and traces are there): integrity failures, audit-store and other dependency outages, bursts of
// refused access, queue messages given up to a poison queue, and Key Vault throttling. Each goes to one action group.

@description('Required. Region of the stamp.')
param location string

@description('Required. Naming token (workload, environment, region).')
param token string

@description('Required. Log Analytics workspace the rules query.')
param workspaceId string

@description('Required. Resource id of the action group that receives every alert (the security on-call).')
param actionGroupId string

@description('Optional. Refused requests (401 and 403) in five minutes above which an alert fires.')
@minValue(10)
param refusedAccessThreshold int = 100

@description('Optional. Tags.')
param tags object = {}

// Texts the app and the Functions host write: HttpExchange logs the first two beginnings; the host logs the poison
// move as "Message has reached MaxDequeueCount of {n}. Moving message to queue '{name}-poison'." (WebJobs SDK).
var rules = [
  {
    name: 'integrity-failure'
    description: 'Stored content or metadata failed its integrity check (tampered ciphertext, a broken audit chain).'
    severity: 0
    threshold: 0
    query: 'AppTraces | where Message startswith "integrity check failed in "'
  }
  {
    name: 'audit-store-outage'
    description: 'Requests refused with 503 because the audit trail could not be written.'
    severity: 1
    threshold: 0
    query: 'AppTraces | where Message startswith "dependency unavailable: audit"'
  }
  {
    name: 'service-unavailable'
    description: 'More than five requests answered 503 (a dependency is unavailable).'
    severity: 1
    threshold: 5
    query: 'AppRequests | where ResultCode == "503"'
  }
  {
    name: 'refused-access-burst'
    description: 'A burst of refused requests (401, 403): credential stuffing, a misbehaving client, or a probe.'
    severity: 2
    threshold: refusedAccessThreshold
    query: 'AppRequests | where ResultCode in ("401", "403")'
  }
  {
    name: 'poison-queue-message'
    description: 'A queue message (erasure, tenant job, notification) was given up after its last delivery.'
    severity: 1
    threshold: 0
    query: 'AppTraces | where Message has "MaxDequeueCount" and Message has "-poison"'
  }
  {
    name: 'key-vault-throttling'
    description: 'Key Vault answered 429: unwraps and signatures are being throttled.'
    severity: 2
    threshold: 0
    query: 'AzureDiagnostics | where ResourceProvider == "MICROSOFT.KEYVAULT" and httpStatusCode_d == 429'
  }
]

resource alert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in rules: {
  name: 'alert-${token}-${rule.name}'
  location: location
  tags: tags
  properties: {
    displayName: rule.name
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [
      workspaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroupId
      ]
    }
  }
}]
