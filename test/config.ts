import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../src/platform/config.ts';

export const TEST_PASSWORD = 'Demo-Passwort-2026!';

/** Configuration for tests: demo password known, cheap argon2, no rate limit surprises. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    BASTEI_DEMO_PASSWORD: TEST_PASSWORD,
    BASTEI_ARGON2_MEMORY_KIB: '1024',
    BASTEI_LOGIN_RATE_PER_MINUTE: '10000',
    LOG_LEVEL: 'silent',
    // Evidence files of test apps go to the temp folder, not into ./data/files.
    BASTEI_FILES_DIR: join(tmpdir(), 'bastei-test-files'),
    // Test apps only queue jobs; tests that need the scan worker ask for it (buildApp's `background`).
    BASTEI_WORKER: 'off',
    ...overrides,
  });
}
