// Azure resources for "Gemensam plan", in Sweden Central by default: one Linux Web App that
// serves the bot (/api/messages), the plan API (/api/plan) and the tab (/tab/), a regional (EU)
// Azure Bot that reaches it, Table Storage for the follow-up data and Application Insights.
//
// No keys or passwords anywhere: one user-assigned managed identity is both the bot's identity
// (msaAppType UserAssignedMSI) and the identity the Web App uses to reach Table Storage, whose
// shared keys are switched off.
//
// Deployed by the Agents Toolkit's arm/deploy step (m365agents.yml) with azure.parameters.json;
// the outputs at the bottom are written to env/.env.<env>. Whoever runs it needs the right to
// create role assignments and locks on the resource group (Owner, or Contributor + User Access
// Administrator).

@description('Prefix for every resource name, e.g. gemensamplan-dev. Names that must be unique in all of Azure get a hash of the resource group appended.')
@minLength(3)
@maxLength(20)
param resourceBaseName string

@description('Azure region for everything except the bot registration. Sweden Central keeps the app, its data and its logs in Sweden, whatever region the resource group was created in.')
param location string = 'swedencentral'

@description('Where the Azure Bot keeps and processes its data: westeurope is the regional (EU) Azure Bot Service, global the worldwide one. The location of an existing bot cannot change: an installation provisioned with a global bot keeps global.')
@allowed([
  'westeurope'
  'global'
])
param botLocation string = 'westeurope'

@description('The name people see for the bot in the Azure portal.')
@maxLength(42)
param botDisplayName string = 'Gemensam plan'

@description('Azure Bot pricing tier. Teams is a standard channel, so F0 (free) is enough.')
@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('App Service plan tier (Linux). B1 is the smallest that keeps the app always on.')
param appServicePlanSku string = 'B1'

@description('Client id of the Microsoft Entra app the tab uses for single sign-on (created by aadApp/create).')
param aadAppClientId string = ''

@description('The Microsoft 365 tenant of that Entra app (AAD_APP_TENANT_ID, written by aadApp/create): the tenant whose Teams users sign in to the tab. Not the tenant of the Azure subscription, which may be another one.')
@minLength(1)
param aadAppTenantId string

@description('The Teams app id (manifest id), for deep links from the bot\'s cards to the tab.')
param teamsAppId string = ''

// The next two come from env/.env.<env> (PLAN_TEAM_IDS, PROJECT_LEADER_IDS, the latter required) through
// azure.parameters.json, so that provisioning again writes what the file says instead of
// resetting them.
@description('Teams team ids (comma separated) the plan is followed up in. Empty: the first team where a channel is linked.')
param planTeamIds string = ''

@description('Entra object ids (comma separated) of the plan\'s project leaders: they alone link channels to arenas and re-link a linked channel. Required (asked for at provision, m365agents.yml): in Azure the project leaders are named, not whoever links first.')
@minLength(1)
param projectLeaderIds string

// Settings a region may set: each is a parameter whose value is kept in env/.env.<env>, because
// the appsettings resource below replaces all app settings on every provision. A value set only in
// the portal is gone after the next provision; set it in the env file instead.
@description('Where people report accessibility problems (DOS-lagen): an e-mail address or an https page, shown in the tab\'s accessibility statement. Asked for at provision (m365agents.yml).')
@minLength(1)
param accessibilityContact string

@description('How much the server logs.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('The tab\'s delegated scope, if not access_as_user (aad.manifest.json).')
param authScope string = ''

@description('Prefix for table names, so that several installations can share one storage account. Empty: none.')
param tablePrefix string = ''

@description('Storage redundancy. Standard_ZRS (three zones in Sweden Central) for new installations. An existing Standard_LRS account cannot be switched by a deployment: keep Standard_LRS here, or convert it in the portal first (docs/operations.md, Storage redundancy).')
@allowed([
  'Standard_ZRS'
  'Standard_LRS'
])
param storageSku string = 'Standard_ZRS'

@description('Resource id of an existing action group (e.g. the region\'s operations team) that the alert rules notify. Empty: the alerts fire and show in the portal, but notify nobody.')
param alertActionGroupId string = ''

@description('Command App Service runs to start the compiled server.')
param startupCommand string = 'node --enable-source-maps dist/bot/index.js'

var uniqueSuffix = uniqueString(resourceGroup().id)
// Web App and bot names are global (azurewebsites.net, Bot Framework); storage names are too,
// and take 3–24 lowercase letters and digits only.
var webAppName = '${resourceBaseName}-${uniqueSuffix}'
var botServiceName = '${resourceBaseName}-${uniqueSuffix}'
var storageAccountName = take(toLower(replace(replace('${resourceBaseName}${uniqueSuffix}', '-', ''), '_', '')), 24)
var tablesAccountUrl = 'https://${storageAccountName}.table.${environment().suffixes.storage}'
// Built-in role "Storage Table Data Contributor".
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Built-in role "Monitoring Metrics Publisher": sending telemetry with Entra ID (local auth is off).
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'
var alertActions = empty(alertActionGroupId) ? [] : [
  {
    actionGroupId: alertActionGroupId
  }
]
var freeTier = contains([
  'F1'
  'D1'
], toUpper(appServicePlanSku))

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Only Entra ID (the app's managed identity, Monitoring Metrics Publisher below) may send
    // telemetry: the connection string alone, which is no secret, is not enough.
    DisableLocalAuth: true
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

// The follow-up data lives here: the account cannot be deleted (by mistake, or with the resource
// group) until someone with Owner or User Access Administrator removes this lock on purpose.
resource storageDeleteLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: '${storageAccountName}-no-delete'
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: 'Gemensam plan: the follow-up data and its history. See docs/operations.md, Updating and removing.'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      // Node 22 LTS (Node 20 reached end of life on 2026-04-30); package.json's engines agrees.
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: startupCommand
      alwaysOn: !freeTier
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// Deployment and FTP with user names and passwords (basic auth) are off: deploys sign in with
// Entra ID (az webapp deploy, the GitHub Actions pipeline).
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

// App settings in their own resource so that they can use the Web App's real host name.
resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    NODE_ENV: 'production'
    // App Service sends traffic to the port in PORT; the server must listen on all interfaces.
    HOST: '0.0.0.0'
    // The deployed zip already holds dist/ and node_modules/ (npm run artifact, m365agents.yml).
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
    BOT_ID: identity.properties.clientId
    BOT_TENANT_ID: identity.properties.tenantId
    BOT_TYPE: 'UserAssignedMSI'
    AZURE_CLIENT_ID: identity.properties.clientId
    TABLES_ACCOUNT_URL: tablesAccountUrl
    // The app sends its own telemetry with the Azure Monitor OpenTelemetry distro when this is set
    // (bot/telemetry/): requests, dependencies, exceptions, pino's logs and custom metrics.
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    // App Service's own Application Insights agent stays off: it would instrument the app twice.
    ApplicationInsightsAgent_EXTENSION_VERSION: 'disabled'
    // No SDK usage reports (statsbeat) to Microsoft's endpoints outside Sweden.
    APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true'
    // The plan's team; unset, the first team a channel is linked in becomes it (conversation/planTeam.ts).
    PLAN_TEAM_IDS: planTeamIds
    PROJECT_LEADER_IDS: projectLeaderIds
    TAB_ENDPOINT: 'https://${webApp.properties.defaultHostName}'
    PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
    TEAMS_APP_ID: teamsAppId
    // The tab's single sign-on: tokens for api://<TAB_DOMAIN>/<AAD_APP_CLIENT_ID> from the tenant
    // the Entra app lives in (the Microsoft 365 tenant), not the tenant that deploys this template.
    AAD_APP_CLIENT_ID: aadAppClientId
    TAB_DOMAIN: webApp.properties.defaultHostName
    AUTH_TENANT_ID: aadAppTenantId
    AUTH_SCOPE: authScope
    ACCESSIBILITY_CONTACT: accessibilityContact
    LOG_LEVEL: logLevel
    TABLE_PREFIX: tablePrefix
  }
}

// Alerts: what a region's operations team wants to hear about without looking.
resource serverErrorsAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${resourceBaseName}-server-errors'
  location: 'global'
  properties: {
    description: 'The app answered with 5xx (server errors) more than 5 times in 15 minutes.'
    severity: 2
    enabled: true
    scopes: [
      webApp.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'Http5xx'
          metricName: 'Http5xx'
          metricNamespace: 'Microsoft.Web/sites'
          operator: 'GreaterThan'
          threshold: 5
          timeAggregation: 'Total'
        }
      ]
    }
    actions: alertActions
  }
}

resource storageAvailabilityAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${resourceBaseName}-storage-availability'
  location: 'global'
  properties: {
    description: 'Table Storage answered less than 99 % of requests successfully over 15 minutes.'
    severity: 1
    enabled: true
    scopes: [
      storage.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'Availability'
          metricName: 'Availability'
          metricNamespace: 'Microsoft.Storage/storageAccounts'
          operator: 'LessThan'
          threshold: 99
          timeAggregation: 'Average'
        }
      ]
    }
    actions: alertActions
  }
}

// The app's own counter reminders.failed (bot/telemetry/metrics.ts) arrives as a custom metric in
// Application Insights; a log search alert reads it from the workspace.
resource failedRemindersAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${resourceBaseName}-failed-reminders'
  location: location
  properties: {
    description: 'Reminders failed to reach their channel (reminders.failed) in the last hour.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "reminders.failed" | summarize failed = sum(valueSum)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failed'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertActionGroupId) ? [] : [
        alertActionGroupId
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: botLocation
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Written to env/.env.<env> by the toolkit (https://aka.ms/teamsfx-actions/arm-deploy).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TABLES_ACCOUNT_URL string = tablesAccountUrl
output IDENTITY_CLIENT_ID string = identity.properties.clientId
