import * as assert from 'node:assert/strict';
import { looksLikeCredential, nameWords, namesSecret } from '../../../src/core/review/hardcodedSecret';
import { knownSecrets } from '../../../src/core/review/secretFormats';
import { runAnalyzers } from '../../../src/core/review/run';
import { ruleFindings } from './coveredText';

const secrets = (lines: readonly string[]) => ruleFindings([...lines, ''].join('\n'), 'hardcoded-secret');
const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'wSSA6MGKO62cey4aey0OU4gI4uce6OKOMaskqwiUqAewoCGaqc0ogq8a6oQAeemG', '0eKuGgKkEoqiI0wEi0KO68gC602mOcc6cMgAeUOWMU8aoo46I0KmQyUeEQcCkYu6', '-----END RSA PRIVATE KEY-----'];
const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('hardcoded-secret', () => {
  it('finds known formats whatever the name: AWS, GitHub, Slack, Stripe, Anthropic, Google, JWT', () => {
    assert.deepEqual(secrets([
      'export const a = "AKIAOSO6MMEEQSEY8SM4";',
      'export const b = "ghp_4gaSMyqces2QkkwcsCK4S8SEIAmmGQiwcS8k";',
      'export const c = { value: "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz" };',
      'export const d = ["xoxb-CsEoUYwiKiyE-eyd06eqEo6icGMEwkg2KWowa"];',
      'export const e = "sk_live_o8Go846i2aQuSoammUk2iwOQ";',
      'export const f = "sk-ant-api03-UKmYwsiUiauKg0E0SSog6ei26YaOYuusiw8GugI0";',
      'export const g = "AIzaco0gw0Eoeuq6wISqQio56uSeU2Iu2QuUeEO";',
      `export const h = "${jwt}";`,
      'export const i = "https://example.com/hook?token=ghp_4gaSMyqces2QkkwcsCK4S8SEIAmmGQiwcS8k&x=1";',
    ]), [
      '1 error: "AKIAOSO6MMEEQSEY8SM4"',
      '2 error: "ghp_4gaSMyqces2QkkwcsCK4S8SEIAmmGQiwcS8k"',
      '3 error: "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"',
      '4 error: "xoxb-CsEoUYwiKiyE-eyd06eqEo6icGMEwkg2KWowa"',
      '5 error: "sk_live_o8Go846i2aQuSoammUk2iwOQ"',
      '6 error: "sk-ant-api03-UKmYwsiUiauKg0E0SSog6ei26YaOYuusiw8GugI0"',
      '7 error: "AIzaco0gw0Eoeuq6wISqQio56uSeU2Iu2QuUeEO"',
      `8 error: "${jwt}"`,
      '9 error: ghp_4gaSMyqces2QkkwcsCK4S8SEIAmmGQiwcS8k',
    ]);
  });

  it('the AWS secret beside its access key id, by format', () => {
    assert.deepEqual(secrets([
      'export const aws = { id: "AKIAOSO6MMEEQSEY8SM4", key: "KGEuSUCSC448Mk8gci2S/EAosiY4Cw8RqW0WmGCO" };',
      'export const other = "KGEuSUCSC448Mk8gci2S/EAosiY4Cw8RqW0WmGCP";',
    ]).map((line) => line.slice(0, 10)), ['1 error: "', '1 error: "', '2 error: "']);
    assert.deepEqual(secrets(['export const lonely = "KGEuSUCSC448Mk8gci2S/EAosiY4Cw8RqW0WmGCO";']), [], 'a 40-character string alone is not an AWS secret');
  });

  it('PEM private keys, in a template, with \\n escapes, or concatenated; a public key or a stand-in body is not one', () => {
    const lines = [
      `export const one = \`${pem.join('\n')}\`;`,
      `export const two = "${pem.join('\\n')}";`,
      `export const three = "${pem[0]}\\n" + "${pem[1]}\\n" + "${pem[2]}\\n" + "${pem[3]}";`,
      `export const pub = "-----BEGIN PUBLIC KEY-----\\n${pem[1]}\\n-----END PUBLIC KEY-----";`,
      'export const doc = "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----";',
      'export const marker = "-----BEGIN OPENSSH PRIVATE KEY-----";',
    ];
    const found = secrets(lines).map((line) => line.split(':')[0]);
    assert.deepEqual(found, ['1 error', '5 error', '6 error']);
    const message = runAnalyzers([{ path: 'src/a.ts', text: lines.join('\n') }]).find((item) => item.rule === 'hardcoded-secret')?.message ?? '';
    assert.match(message, /^`one` holds a PEM private key written into the source/);
    assert.ok(!message.includes('wSSA6'), 'the key is not repeated');
  });

  it('by name and entropy, whole words without stemming: awsAccessKeyId, accessKey, apiKey, clientSecret, password', () => {
    assert.deepEqual(secrets([
      'export const awsAccessKeyId = "k0Q40QMkiuIe0asQ0ksy2DGU";',
      'export const config = { accessKey: "k0Q40QMkiuIe0asQ0ksy", apiKey: "k0Q40QMkiuIe0a-sQ0ksy2DGU", clientSecret: "Zq81-mvT0pL7wQx2" };',
      'export class Db { password = "S3cr3t!Pass42"; }',
      'export function connect(db_password = "S3cr3t!Pass42"): string { return db_password; }',
    ]).map((line) => line.split(':')[0]), ['1 error', '2 error', '2 error', '2 error', '3 error', '4 error']);
    assert.deepEqual(nameWords('awsAccessKeyId'), ['aws', 'access', 'key', 'id']);
    assert.deepEqual(nameWords('AWS_SECRET_ACCESS_KEY'), ['aws', 'secret', 'access', 'key']);
    assert.deepEqual(nameWords('XMLHttpToken'), ['xml', 'http', 'token']);
    for (const name of ['awsAccessKeyId', 'accessKey', 'apiKey', 'clientSecret', 'password', 'API_TOKEN', 'credentials', 'privateKey', 'x-api-key']) assert.ok(namesSecret(name), name);
    for (const name of ['cacheKey', 'keyboard', 'tokenUrl', 'passwordField', 'secretName', 'accessor', 'primaryKey', 'tokenizer', 'maxTokens', 'usageInputTokens', 'setApiKey', 'isPasswordValid']) assert.ok(!namesSecret(name), name);
  });

  it('placeholders and non-literals are not findings: example keys, masks, <your key>, ${...}, changeme, your-api-key, process.env', () => {
    assert.deepEqual(secrets([
      'declare const process: { env: Record<string, string | undefined> };',
      'export const awsAccessKeyId = "AKIAIOSFODNN7EXAMPLE";',
      'export const awsSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";',
      'export const masks = { token: "xxxxxxxxxxxxxxxx", secret: "****************", apiKey: "0000000000000000", key: "AKIAXXXXXXXXXXXXXXXX" };',
      'export const github = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";',
      'export const docs = { apiKey: "<your key>", password: "${PASSWORD}", clientSecret: "changeme", accessToken: "your-api-key", token: "" };',
      'export const fromEnv = { apiKey: process.env.API_KEY, password: process.env["DB_PASSWORD"] ?? "" };',
      'export const names = { tokenEnv: "GITHUB_TOKEN", passwordFile: "/run/secrets/db-password", tokenUrl: "https://auth.example.com/token" };',
      'export const prompt = { password: "Enter your password" };',
      'export const ids = { apiKeySecret: "nova.anthropicApiKey", accessToken: "gen_ai.usage.access_token", secretKey: "app/config-secret-key" };',
      'export const jwtLike = "eyJub3RhIjoiaGVhZGVyIn0.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";',
    ]), []);
  });

  it('confidence: high for a known format, medium for name and entropy', () => {
    const text = 'export const a = "ghp_4gaSMyqces2QkkwcsCK4S8SEIAmmGQiwcS8k";\nexport const password = "S3cr3t!Pass42";\n';
    assert.deepEqual(runAnalyzers([{ path: 'src/a.ts', text }]).map((item) => `${item.rule} ${item.confidence}`), ['hardcoded-secret high', 'hardcoded-secret medium']);
  });

  it('knownSecrets locates each credential in a longer text', () => {
    const text = 'Authorization: Bearer ghp_4gaSMyqces2QkkwcsCK4S8SEIAmmGQiwcS8k; aws=AKIAOSO6MMEEQSEY8SM4';
    assert.deepEqual(knownSecrets(text).map((match) => `${match.kind} ${text.slice(match.start, match.end)}`), ['a GitHub token ghp_4gaSMyqces2QkkwcsCK4S8SEIAmmGQiwcS8k', 'an AWS access key id AKIAOSO6MMEEQSEY8SM4']);
    assert.equal(looksLikeCredential('hunter2hunter2x9Q'), true);
    assert.equal(looksLikeCredential('alllowercaseword'), false);
  });
});
