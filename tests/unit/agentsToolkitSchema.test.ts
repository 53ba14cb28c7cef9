// The Agents Toolkit's project files (docs/operations.md's provision, deploy and publish steps, and
// F5) are valid against the toolkit's own YAML schema, the version they declare. The schema is
// the one the toolkit's CLI ships (@microsoft/m365agentstoolkit-cli 1.1.17, MIT,
// resource/yaml-schema/v1.12/yaml.schema.json), kept under tests/fixtures so the test needs no network.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/agents-toolkit/yaml.schema.v1.12.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe("the Agents Toolkit's project files", () => {
  for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
    it(`${file} is valid against the toolkit's YAML schema v1.12`, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      assert.match(text, /\$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.12\/yaml\.schema\.json/);
      const project = parse(text);
      assert.equal(project.version, 'v1.12');
      const ok = validate(project);
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    });
  }

  it('refuses a step the toolkit does not know (the schema is really applied)', () => {
    const project = parse(readFileSync(join(ROOT, 'm365agents.yml'), 'utf8'));
    project.provision = [...(project.provision ?? []), { uses: 'botFramework/createx', with: {} }];
    assert.equal(validate(project), false);
  });
});
