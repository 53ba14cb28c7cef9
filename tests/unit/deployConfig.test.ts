// The files the Agents Toolkit and Azure read (m365agents*.yml, aad.manifest.json, infra/, env/,
// appPackage/) agree with each other and with what the app reads, checked as text: the toolkit
// and the Bicep compiler are not available where the tests run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { loadConfig } from '../../bot/config';

const root = join(__dirname, '..', '..');
const text = (file: string) => readFileSync(join(root, file), 'utf8');
const json = (file: string) => JSON.parse(text(file)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The envs: block of the file/createOrUpdateEnvironmentFile step that writes .localConfigs. */
function localConfigs(): Record<string, string> {
  const yml = text('m365agents.local.yml');
  const block = yml.slice(yml.indexOf('target: ./.localConfigs'));
  const envs: Record<string, string> = {};
  for (const match of block.matchAll(/^ {8}([A-Z_]+): (.+)$/gm)) envs[match[1]!] = match[2]!.trim();
  return envs;
}

describe('deploying to Azure and running with the Agents Toolkit', () => {
  it('writes every setting the app needs for a local run with Teams into .localConfigs', () => {
    const envs = localConfigs();
    for (const name of ['BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID', 'AAD_APP_CLIENT_ID', 'TAB_DOMAIN', 'AUTH_TENANT_ID', 'TEAMS_APP_ID', 'PUBLIC_URL']) {
      assert.ok(envs[name], `m365agents.local.yml does not write ${name} to .localConfigs`);
    }
    // With made-up values for the placeholders, the app accepts the settings as they are.
    const filled = Object.fromEntries(
      Object.entries(envs).map(([k, v]) => [k, v.replace(/\$\{\{\s*([A-Z_]+)\s*\}\}/g, (_m, name: string) => (/ENDPOINT/.test(name) ? 'https://tunnel.example.invalid' : name === 'TAB_DOMAIN' ? 'tunnel.example.invalid' : '00000000-0000-0000-0000-000000000001'))]),
    );
    const config = loadConfig(filled, root);
    assert.ok(config.tab.sso, 'the tab would have no sign-in');
    assert.equal(config.bot?.appId, '00000000-0000-0000-0000-000000000001');
  });

  it('registers and runs the bot as the single-tenant bot the toolkit creates', () => {
    const yml = text('m365agents.local.yml');
    const botApp = yml.slice(yml.indexOf('name: gemensam-plan-bot-'), yml.indexOf('uses: botFramework/create'));
    assert.match(botApp, /signInAudience: AzureADMyOrg/, 'the bot\'s Entra app is not single tenant');
    assert.match(botApp, /tenantId: BOT_TENANT_ID/, 'the bot\'s tenant is not written to the env file');
    assert.equal(localConfigs().BOT_TYPE, 'SingleTenant');
    assert.equal(localConfigs().BOT_TENANT_ID, '${{BOT_TENANT_ID}}');
  });

  for (const envFile of ['env/.env.dev', 'env/.env.prod'])
  it(`gives every Bicep parameter from ${envFile}, so that provisioning again never resets one`, () => {
    const parameters = json('infra/azure.parameters.json').parameters as Record<string, { value: string }>;
    const bicep = text('infra/azure.bicep');
    const env = parseDotenv(text(envFile));
    const written = new Set(['AAD_APP_CLIENT_ID', 'AAD_APP_TENANT_ID', 'TEAMS_APP_ID']); // by provision steps before arm/deploy
    for (const [name, { value }] of Object.entries(parameters)) {
      assert.match(bicep, new RegExp(`^param ${name} `, 'm'), `infra/azure.bicep has no parameter ${name}`);
      for (const [, variable] of value.matchAll(/\$\{\{([A-Z_]+)\}\}/g)) {
        if (variable === 'APP_NAME_SUFFIX' || written.has(variable!)) continue;
        assert.ok(variable! in env, `${envFile} does not define ${variable}`);
      }
    }
    for (const name of ['planTeamIds', 'projectLeaderIds', 'aadAppTenantId', 'botLocation']) assert.ok(parameters[name], `${name} is not passed`);
  });

  it('writes every setting a region may set from a parameter, since the app settings are replaced on every provision', () => {
    const bicep = text('infra/azure.bicep');
    const parameters = json('infra/azure.parameters.json').parameters as Record<string, { value: string }>;
    const appSettings = bicep.slice(bicep.indexOf("name: 'appsettings'"), bicep.indexOf('\n}\n', bicep.indexOf("name: 'appsettings'")));
    for (const setting of ['ACCESSIBILITY_CONTACT', 'LOG_LEVEL', 'AUTH_SCOPE', 'TABLE_PREFIX', 'PLAN_TEAM_IDS', 'PROJECT_LEADER_IDS']) {
      const param = new RegExp(`^ {4}${setting}: (\\w+)$`, 'm').exec(appSettings)?.[1];
      assert.ok(param, `the Web App gets no ${setting}`);
      assert.match(bicep, new RegExp(`^param ${param} `, 'm'), `${setting} comes from ${param}, which is no parameter`);
      assert.ok(parameters[param], `${param} (${setting}) is not given in azure.parameters.json, so provision would reset it`);
    }
    // The accessibility contact has no default: provision asks for it (m365agents.yml).
    assert.match(bicep, /^param accessibilityContact string$/m);
    assert.match(text('m365agents.yml'), /Set ACCESSIBILITY_CONTACT in env\/\.env\.\$\{\{TEAMSFX_ENV\}\}/);
    // Nor have the project leaders: in Azure they are named, not whoever links the first channel.
    assert.match(bicep, /^param projectLeaderIds string$/m);
    assert.match(text('m365agents.yml'), /Set PROJECT_LEADER_IDS in env\/\.env\.\$\{\{TEAMSFX_ENV\}\}/);
  });

  it('is hardened as the region asks: no basic auth, Entra-only telemetry, zone-redundant storage that cannot be deleted, alerts', () => {
    const bicep = text('infra/azure.bicep');
    for (const policy of ['scm', 'ftp']) assert.match(bicep, new RegExp(`basicPublishingCredentialsPolicies@[^']+' = \\{\\s+parent: webApp\\s+name: '${policy}'\\s+properties: \\{\\s+allow: false`), `${policy} basic auth is not off`);
    // With basic auth off, the upload must sign in with Entra ID: the toolkit's zipDeploy action
    // (in the version of its source read for this change) lists the publishing user name and
    // password instead.
    const deploy = text('m365agents.yml').slice(text('m365agents.yml').indexOf('\ndeploy:'), text('m365agents.yml').indexOf('\npublish:'));
    assert.match(deploy, /az webapp deploy --ids \$\{\{BOT_AZURE_APP_SERVICE_RESOURCE_ID\}\}/);
    assert.doesNotMatch(deploy, /azureAppService\/zipDeploy/);
    assert.match(bicep, /DisableLocalAuth: true/);
    assert.match(bicep, /monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'/);
    assert.match(bicep, /scope: appInsights\s+properties: \{\s+roleDefinitionId: subscriptionResourceId\('Microsoft.Authorization\/roleDefinitions', monitoringMetricsPublisherRoleId\)/);
    assert.match(bicep, /^param storageSku string = 'Standard_ZRS'$/m);
    assert.equal(parseDotenv(text('env/.env.prod')).STORAGE_SKU, 'Standard_ZRS');
    assert.match(bicep, /Microsoft.Authorization\/locks@[^']+' = \{\s+name: [^\n]+\s+scope: storage\s+properties: \{\s+level: 'CanNotDelete'/);
    const alerts = bicep.match(/Microsoft.Insights\/(metricAlerts|scheduledQueryRules)@/g) ?? [];
    assert.equal(alerts.length, 3, 'alerts on 5xx, failed reminders and storage availability');
    assert.match(bicep, /^param alertActionGroupId string = ''$/m);
  });

  it('keeps the app and its data in Sweden, with the bot in the EU, on the Node the app declares', () => {
    const bicep = text('infra/azure.bicep');
    assert.match(bicep, /^param location string = 'swedencentral'$/m);
    assert.match(bicep, /^param botLocation string = 'westeurope'$/m);
    assert.match(bicep, /AUTH_TENANT_ID: aadAppTenantId/);
    const node = /linuxFxVersion: 'NODE\|(\d+)-lts'/.exec(bicep)?.[1];
    const engines = (json('package.json').engines as { node: string }).node;
    assert.ok(node && new RegExp(`\\^${node}\\.`).test(engines), `App Service runs Node ${node}, engines says ${engines}`);
  });

  it('asks Entra for no permission the app does not use, in the current Graph shape', () => {
    const aad = json('aad.manifest.json');
    assert.deepEqual(aad.requiredResourceAccess, []);
    assert.equal(aad.api.requestedAccessTokenVersion, 2);
    const scopeId = aad.api.oauth2PermissionScopes[0].id as string;
    assert.equal(aad.api.oauth2PermissionScopes[0].value, 'access_as_user');
    for (const client of aad.api.preAuthorizedApplications as Array<{ delegatedPermissionIds: string[] }>) assert.deepEqual(client.delegatedPermissionIds, [scopeId]);
    assert.ok(!('oauth2Permissions' in aad) && !('accessTokenAcceptedVersion' in aad), 'old (Azure AD Graph) properties are left');
  });

  it('declares channel features and opens no page outside Teams that can only answer 401', () => {
    const manifest = json('appPackage/manifest.json');
    assert.equal(manifest.supportsChannelFeatures, 'tier1');
    for (const tab of manifest.staticTabs as Array<{ websiteUrl?: string }>) assert.equal(tab.websiteUrl, undefined);
  });
});
