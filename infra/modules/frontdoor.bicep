// Optional Azure Front Door Premium in front of the stamp's Function App: HTTPS only, WAF in prevention mode
// with the managed default and bot rule sets, and a per-client rate limit. Front Door is a global edge service
// that keeps no customer data at rest; its logs go to the stamp's workspace.

@description('Required. Naming token (workload, environment, region).')
param token string

@description('Required. Host name of the Function App.')
param originHostName string

@description('Required. Requests per client IP per minute before blocking.')
param rateLimitPerMinute int

@description('Required. Log Analytics workspace for diagnostics.')
param workspaceId string

@description('Optional. Tags.')
param tags object = {}

resource profile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: 'afd-${token}'
  location: 'global'
  tags: tags
  sku: {
    name: 'Premium_AzureFrontDoor'
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' = {
  parent: profile
  name: 'fde-${token}'
  location: 'global'
  properties: {
    enabledState: 'Enabled'
  }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: profile
  name: 'functions'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
    }
    healthProbeSettings: {
      probePath: '/api/health'
      probeProtocol: 'Https'
      probeRequestType: 'GET'
      probeIntervalInSeconds: 60
    }
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: originGroup
  name: 'function-app'
  properties: {
    hostName: originHostName
    originHostHeader: originHostName
    httpsPort: 443
    priority: 1
    weight: 1000
    enforceCertificateNameCheck: true
  }
}

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = {
  parent: endpoint
  name: 'api'
  properties: {
    originGroup: {
      id: originGroup.id
    }
    supportedProtocols: [
      'Https'
    ]
    patternsToMatch: [
      '/api/*'
    ]
    forwardingProtocol: 'HttpsOnly'
    httpsRedirect: 'Disabled'
    linkToDefaultDomain: 'Enabled'
  }
  dependsOn: [
    origin
  ]
}

resource waf 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2024-02-01' = {
  name: 'waf${replace(token, '-', '')}'
  location: 'global'
  tags: tags
  sku: {
    name: 'Premium_AzureFrontDoor'
  }
  properties: {
    policySettings: {
      enabledState: 'Enabled'
      mode: 'Prevention'
      requestBodyCheck: 'Enabled'
    }
    managedRules: {
      managedRuleSets: [
        {
          ruleSetType: 'Microsoft_DefaultRuleSet'
          ruleSetVersion: '2.1'
          ruleSetAction: 'Block'
        }
        {
          ruleSetType: 'Microsoft_BotManagerRuleSet'
          ruleSetVersion: '1.1'
        }
      ]
    }
    customRules: {
      rules: [
        {
          name: 'RateLimitPerClient'
          priority: 100
          enabledState: 'Enabled'
          ruleType: 'RateLimitRule'
          rateLimitDurationInMinutes: 1
          rateLimitThreshold: rateLimitPerMinute
          groupBy: [
            {
              variableName: 'SocketAddr'
            }
          ]
          // Every request: the match the WAF documentation gives for "all requests" (a Host header of length 0 or
          // more; every valid request to Front Door has one). RequestUri holds the full URL, so "begins with /" never
          // matched and the limit never fired.
          matchConditions: [
            {
              matchVariable: 'RequestHeader'
              selector: 'Host'
              operator: 'GreaterThanOrEqual'
              matchValue: [
                '0'
              ]
            }
          ]
          action: 'Block'
        }
        {
          // Upload bodies are files, encrypted by the app before they are stored: random binary trips the
          // managed rules (SQL injection, protocol attacks) in prevention mode. Front Door cannot scope a
          // managed-rule exclusion to a path, and its exclusions name form or JSON arguments a raw body does not
          // have, so binary bodies on the two upload routes end WAF evaluation here, after the rate limit. Every
          // JSON route, and any other type sent to an upload route, still goes through the managed rules.
          name: 'UploadBodiesSkipManagedRules'
          priority: 200
          enabledState: 'Enabled'
          ruleType: 'MatchRule'
          matchConditions: [
            {
              matchVariable: 'RequestMethod'
              operator: 'Equal'
              matchValue: [
                'POST'
                'PUT'
              ]
            }
            {
              matchVariable: 'RequestUri'
              operator: 'RegEx'
              matchValue: [
                '^(https?://[^/]+)?/api/tenants/[^/?#]+/(assets|uploads/[^/?#]+/parts/[0-9]+)([?#].*)?$'
              ]
            }
            {
              matchVariable: 'RequestHeader'
              selector: 'Content-Type'
              operator: 'BeginsWith'
              transforms: [
                'Lowercase'
                'Trim'
              ]
              matchValue: [
                'application/octet-stream'
                'multipart/form-data'
              ]
            }
          ]
          action: 'Allow'
        }
      ]
    }
  }
}

resource securityPolicy 'Microsoft.Cdn/profiles/securityPolicies@2024-02-01' = {
  parent: profile
  name: 'waf'
  properties: {
    parameters: {
      type: 'WebApplicationFirewall'
      wafPolicy: {
        id: waf.id
      }
      associations: [
        {
          domains: [
            {
              id: endpoint.id
            }
          ]
          patternsToMatch: [
            '/*'
          ]
        }
      ]
    }
  }
}

resource profileDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: profile
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('The Front Door id the origin checks in X-Azure-FDID.')
output frontDoorId string = profile.properties.frontDoorId

@description('Host name of the endpoint.')
output endpointHostName string = endpoint.properties.hostName
