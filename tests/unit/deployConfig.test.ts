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
    for (const name of ['BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'AAD_APP_CLIENT_ID', 'TAB_DOMAIN', 'AUTH_TENANT_ID', 'TEAMS_APP_ID', 'PUBLIC_URL']) {
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

  it('gives every Bicep parameter from env/.env.dev, so that provisioning again never resets one', () => {
    const parameters = json('infra/azure.parameters.json').parameters as Record<string, { value: string }>;
    const bicep = text('infra/azure.bicep');
    const env = parseDotenv(text('env/.env.dev'));
    const written = new Set(['AAD_APP_CLIENT_ID', 'AAD_APP_TENANT_ID', 'TEAMS_APP_ID']); // by provision steps before arm/deploy
    for (const [name, { value }] of Object.entries(parameters)) {
      assert.match(bicep, new RegExp(`^param ${name} `, 'm'), `infra/azure.bicep has no parameter ${name}`);
      for (const [, variable] of value.matchAll(/\$\{\{([A-Z_]+)\}\}/g)) {
        if (variable === 'APP_NAME_SUFFIX' || written.has(variable!)) continue;
        assert.ok(variable! in env, `env/.env.dev does not define ${variable}`);
      }
    }
    for (const name of ['planTeamIds', 'projectLeaderIds', 'aadAppTenantId', 'botLocation']) assert.ok(parameters[name], `${name} is not passed`);
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
