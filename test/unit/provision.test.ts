import * as assert from 'node:assert/strict';
import { withoutNpmRunEnv } from '../../tools/provision';

describe('provisioning code-server', () => {
  it('does not pass an enclosing npm run’s configuration to the npm that installs code-server', () => {
    const env = withoutNpmRunEnv({
      PATH: '/usr/bin',
      HOME: '/root',
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64',
      npm_package_name: 'nova',
      NPM_CONFIG_CACHE: '/tmp/cache',
    });
    assert.deepEqual(env, { PATH: '/usr/bin', HOME: '/root' });
  });
});
