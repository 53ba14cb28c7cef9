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
// create role assignments on the resource group (Owner, or Contributor + Role Based Access
// Control Administrator).

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

// The next two come from env/.env.<env> (PLAN_TEAM_IDS, PROJECT_LEADER_IDS) through
// azure.parameters.json, so that provisioning again writes what the file says instead of
// resetting them.
@description('Teams team ids (comma separated) the plan is followed up in. Empty: the first team where a channel is linked.')
param planTeamIds string = ''

@description('Entra object ids (comma separated) of the project leaders, who alone may link channels to arenas. Empty: anyone in the plan\'s team.')
param projectLeaderIds string = ''

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
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
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
